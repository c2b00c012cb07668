// What a person running many rooms asks of a session beyond "is it live": is it forgotten (empty, one
// person alone, or live long past its booked end), and until when is a free room free. Pure: the engine
// applies it to every change and, as time alone can change the answer, to every session each tick.
import type { Attention, Session } from '../../shared/session.js';
import { autoEndAtOf, NO_AUTO_END, type AutoEndPolicy } from './auto-end.js';

export interface AttentionRules {
  emptyMs: number;
  aloneMs: number;
  overrunMs: number;
}

export const DEFAULT_ATTENTION: AttentionRules = { emptyMs: 10 * 60_000, aloneMs: 20 * 60_000, overrunMs: 15 * 60_000 };

/** How often the engine looks again: an attention or a free-until is late by this much at most. */
export const INSIGHT_TICK_MS = 30_000;

/** A booking's start this much before a meeting went live still counts as its booking (people start early). */
const EARLY_START_MS = 60 * 60_000;

/** "20 min", "90 s", "1 h 30 min": a threshold in words. */
export function durationText(ms: number): string {
  if (ms < 60_000 || (ms < 600_000 && ms % 60_000 !== 0)) return `${Math.round(ms / 1000)} s`;
  const min = Math.round(ms / 60_000);
  if (min < 60) return `${min} min`;
  return min % 60 === 0 ? `${min / 60} h` : `${Math.floor(min / 60)} h ${min % 60} min`;
}

/** Why a live meeting needs a person's eye, or null. Only a known count is judged: null means unknown. */
export function attentionOf(s: Session, now: number, rules: AttentionRules): Attention | null {
  if (s.status !== 'live' || s.kept) return null;
  const since = s.participantsSince ? Date.parse(s.participantsSince) : NaN;
  if (s.participants === 0 && now - since >= rules.emptyMs) {
    return { kind: 'empty', since: s.participantsSince!, text: `Nobody in it for over ${durationText(rules.emptyMs)}` };
  }
  if (s.participants === 1 && now - since >= rules.aloneMs) {
    return { kind: 'alone', since: s.participantsSince!, text: `One person alone for over ${durationText(rules.aloneMs)}` };
  }
  const end = s.bookedUntil ? Date.parse(s.bookedUntil) : NaN;
  if (now - end >= rules.overrunMs) {
    return { kind: 'overrun', since: s.bookedUntil!, text: `Still live over ${durationText(rules.overrunMs)} after its booked end` };
  }
  return null;
}

type Bookable = Pick<Session, 'nextStartAt' | 'nextEndAt'> & { bookings?: Session['bookings'] };

/** Every booking known for a session: the catalog's next one and a recurring meeting's occurrences. */
function bookingsOf(s: Bookable): { startAt: string; endAt: string | null }[] {
  const catalog = s.nextStartAt ? [{ startAt: s.nextStartAt, endAt: s.nextEndAt }] : [];
  return s.bookings ? [...catalog, ...s.bookings] : catalog;
}

/** An available room's next booked start (the catalog's, or a coming occurrence); null when none is booked
 * (personal rooms never are) or it is live. */
export function freeUntilOf(s: Session, now: number): string | null {
  if (s.status !== 'available' || s.source === 'personal') return null;
  let next: string | null = null;
  for (const b of bookingsOf(s)) if (Date.parse(b.startAt) > now && (next == null || b.startAt < next)) next = b.startAt;
  return next;
}

/** The booked end of the meeting a live instance began as: the booking it began within (or up to an hour
 * early). Zoom moves a recurring meeting's next start on once an occurrence is over, so this is taken when
 * the instance is first seen with its booking, and kept while it lasts. */
export function bookedUntilOf(s: Bookable & Pick<Session, 'liveSince'>): string | null {
  if (!s.liveSince) return null;
  const began = Date.parse(s.liveSince);
  for (const b of bookingsOf(s)) {
    const start = Date.parse(b.startAt);
    const end = b.endAt ? Date.parse(b.endAt) : NaN;
    if (began >= start - EARLY_START_MS && began <= end) return b.endAt;
  }
  return null;
}

/** The times a live session carries, kept true across writers (lists, events, End): when its count became
 * what it is, and the booked end of this instance. Cleared once it is not live. */
export function withLiveTimes(before: Session | undefined, s: Session, at: string): Session {
  if (s.status !== 'live') {
    return s.participantsSince === null && s.bookedUntil === null && !s.kept ? s : { ...s, participantsSince: null, bookedUntil: null, kept: false };
  }
  const same =
    before?.status === 'live' && before.liveSince === s.liveSince && (before.uuid == null || s.uuid == null || before.uuid === s.uuid);
  const participantsSince =
    s.participants == null ? null : same && before.participants === s.participants && before.participantsSince ? before.participantsSince : at;
  const bookedUntil = (same ? before.bookedUntil : null) ?? bookedUntilOf(s);
  // Keep running holds for the instance it was said of.
  const kept = s.kept && (before === undefined || same);
  return participantsSince === s.participantsSince && bookedUntil === s.bookedUntil && kept === s.kept ? s : { ...s, participantsSince, bookedUntil, kept };
}

const sameAttention = (a: Attention | null, b: Attention | null) =>
  a === b || (a != null && b != null && a.kind === b.kind && a.since === b.since && a.text === b.text);

/** Everything derived for a session written at `now` after `before`: live times, attention, free-until,
 * and when the auto-end policy will end it. */
export function derived(before: Session | undefined, s: Session, now: number, rules: AttentionRules, policy: AutoEndPolicy = NO_AUTO_END): Session {
  const next = withInsight(withLiveTimes(before, s, isoAt(now)), now, rules);
  const { autoEndAt, kept } = autoEndAtOf(before, next, now, policy);
  // Someone joined an overrunning meeting during its warning: in use, so kept, and no longer flagged.
  if (kept !== next.kept) return withInsight({ ...next, kept, autoEndAt: null }, now, rules);
  return autoEndAt === next.autoEndAt ? next : { ...next, autoEndAt };
}

// A tick derives every session at one time: its ISO form is made once, not 10 000 times.
let lastNow = NaN;
let lastIso = '';
function isoAt(now: number): string {
  if (now !== lastNow) [lastNow, lastIso] = [now, new Date(now).toISOString()];
  return lastIso;
}

/** The session with its attention and free-until as of `now`; the same object when neither changed. */
export function withInsight(s: Session, now: number, rules: AttentionRules): Session {
  const attention = attentionOf(s, now, rules);
  const freeUntil = freeUntilOf(s, now);
  if (freeUntil === s.freeUntil && sameAttention(attention, s.attention)) return s;
  return { ...s, attention, freeUntil };
}
