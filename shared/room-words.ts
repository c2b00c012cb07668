// A room's state in words, one wording for the dashboard, the tray and notifications: why a live meeting
// needs attention ("1 person for 47 min") and until when an available one is free. Pure.
import type { Session } from './session.js';

/** A span as people say it: "under 1 min", "12 min", "1 h 05 min". */
export function spanWords(ms: number): string {
  const min = Math.max(0, Math.floor(ms / 60_000));
  if (min < 1) return 'under 1 min';
  const h = Math.floor(min / 60);
  return h > 0 ? `${h} h ${String(min % 60).padStart(2, '0')} min` : `${min} min`;
}

/** How long something has run: "under 1 min", "12 min", "1 h 05 min". */
export function elapsed(sinceIso: string, now: number): string {
  return spanWords(now - Date.parse(sinceIso));
}

/** "14:02" (today) or "Nov 28, 14:02", in the viewer's time zone. */
export function clock(iso: string, now: number): string {
  const d = new Date(iso);
  const sameDay = new Date(now).toDateString() === d.toDateString();
  const time = d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return sameDay ? time : `${d.toLocaleDateString([], { month: 'short', day: 'numeric' })}, ${time}`;
}

/** Why a live meeting needs attention, now: "nobody in it for 12 min", "1 person for 47 min",
 * "20 min past its booked end"; null when it needs none. */
export function attentionWords(s: Session, now: number): string | null {
  const a = s.attention;
  if (!a) return null;
  const long = elapsed(a.since, now);
  if (a.kind === 'empty') return `nobody in it for ${long}`;
  if (a.kind === 'alone') return `1 person for ${long}`;
  return `${long} past its booked end`;
}

/** The auto-end warning: "ends by itself at 14:05 (in 4 min)", "ends by itself now"; null when none stands. */
export function autoEndWords(s: Session, now: number): string | null {
  if (!s.autoEndAt || s.status !== 'live') return null;
  const left = Date.parse(s.autoEndAt) - now;
  return left < 60_000 ? 'ends by itself now' : `ends by itself at ${clock(s.autoEndAt, now)} (in ${spanWords(left)})`;
}

/** An available meeting as a room: "personal room", "free · next at 14:00 (in 45 min)", "free today"
 * (nothing booked before tomorrow), or "free · next Nov 29, 09:00". */
export function freeWords(s: Session, now: number): string {
  if (s.source === 'personal') return 'personal room';
  if (!s.freeUntil) return 'free today';
  const next = Date.parse(s.freeUntil);
  if (new Date(next).toDateString() !== new Date(now).toDateString()) {
    return next - now < 12 * 3_600_000 ? `free · next ${clock(s.freeUntil, now)}` : 'free today';
  }
  return `free · next at ${clock(s.freeUntil, now)} (in ${spanWords(next - now)})`;
}
