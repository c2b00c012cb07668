// reconcile: what Zoom says now + what we stored -> the changes to store. Pure: polling, events and
// End all feed it, and its tables are the spec of what "live" and "available" mean.
import { blankSession, type Session, type SessionChange, type SessionSource } from '../../shared/session.js';
import { genericJoinUrl, lacksDetails, withFallbackPassword } from '../../shared/join-links.js';

export type CatalogSource = Exclude<SessionSource, 'live-seen'>;

/** A meeting Zoom reports as in progress (Dashboard or per-host `type=live`). */
export interface LiveMeeting {
  meetingId: string;
  uuid: string | null;
  topic: string;
  hostId: string | null;
  hostName: string | null;
  hostEmail: string | null;
  /** null when the source gives no count (per-host `type=live`). */
  participants: number | null;
  startedAt: string | null;
  /** A join link, when the source gives one (per-host lists do, the Dashboard does not). */
  joinUrl: string | null;
}

/** A scheduled or recurring meeting, or a personal room, of an active user. */
export interface CatalogMeeting {
  meetingId: string;
  topic: string;
  hostId: string;
  hostName: string | null;
  hostEmail: string | null;
  joinUrl: string | null;
  source: CatalogSource;
  nextStartAt: string | null;
  /** The end of that booking (its start + duration); null when unbooked or Zoom gave no duration. */
  nextEndAt: string | null;
}

/** What `GET /meetings/{id}` told us about a meeting first seen live; joinUrl null = Zoom would not say. */
export interface MeetingDetails {
  meetingId: string;
  joinUrl: string | null;
  hostId: string | null;
  hostEmail: string | null;
  /** '' = the meeting has none; null = Zoom would not say. */
  passcode: string | null;
  /** A recurring meeting's occurrences (not deleted), soonest first; null when Zoom listed none. */
  bookings: Booking[] | null;
}

export type Booking = NonNullable<Session['bookings']>[number];

/** Occurrences kept on a session: the next few are what "free until" and "booked until" need. */
const BOOKINGS_KEPT = 5;

export interface Snapshot {
  /** The complete live list, when this round read it. */
  live?: LiveMeeting[];
  /** The catalog, when this round read it: complete, or (catalogPartial) the hosts read so far. */
  catalog?: CatalogMeeting[];
  /** The catalog is one batch of a round still reading: nothing missing from it is gone from Zoom. */
  catalogPartial?: boolean;
  details?: MeetingDetails[];
}

export interface ReconcileOptions {
  /** The original exercise's ZOOM_MEETING_PASSWORD: fills `pwd` where Zoom gives none. */
  fallbackPassword?: string | null;
}

const CATALOG_SOURCES: ReadonlySet<SessionSource> = new Set(['scheduled', 'recurring', 'personal']);

/** A live session as a live-list entry, for a meeting an event says is live that a list read earlier missed. */
export function liveFromSession(s: Session): LiveMeeting {
  return {
    meetingId: s.meetingId,
    uuid: s.uuid,
    topic: s.topic,
    hostId: s.hostId,
    hostName: s.hostName,
    hostEmail: s.hostEmail,
    participants: null,
    startedAt: s.liveSince,
    joinUrl: s.joinUrl,
  };
}

type Blank = (meetingId: string, source: SessionSource) => Session;

/** The catalog: every scheduled meeting and personal room; catalog meetings gone from Zoom (and not live) go. */
function applyCatalog(next: Map<string, Session>, catalog: CatalogMeeting[], live: LiveMeeting[] | undefined, blank: Blank, partial: boolean): void {
  const inCatalog = new Set<string>();
  for (const c of catalog) {
    inCatalog.add(c.meetingId);
    const s = next.get(c.meetingId) ?? blank(c.meetingId, c.source);
    next.set(c.meetingId, {
      ...s,
      topic: c.topic || s.topic,
      hostId: c.hostId,
      hostName: c.hostName ?? s.hostName,
      hostEmail: c.hostEmail ?? s.hostEmail,
      joinUrl: c.joinUrl ?? s.joinUrl,
      source: c.source,
      nextStartAt: c.nextStartAt,
      nextEndAt: c.nextEndAt,
    });
  }
  if (partial) return;
  // Deleted in Zoom: catalog meetings that are gone and not live. Meetings only ever seen live
  // (instant meetings) are not in any catalog; they stay, as in the original exercise.
  const liveNow = new Set((live ?? []).map((l) => l.meetingId));
  for (const [id, s] of next) {
    if (CATALOG_SOURCES.has(s.source) && !inCatalog.has(id) && s.status !== 'live' && !liveNow.has(id)) next.delete(id);
  }
}

/** The live list: what is in it is live (a new instance when it was not, or its uuid changed); the rest ended. */
function applyLive(next: Map<string, Session>, live: LiveMeeting[], now: Date, blank: Blank): void {
  const at = now.toISOString();
  const liveIds = new Set<string>();
  for (const l of live) {
    liveIds.add(l.meetingId);
    const s = next.get(l.meetingId) ?? blank(l.meetingId, 'live-seen');
    const newInstance = s.status !== 'live' || (l.uuid != null && s.uuid != null && l.uuid !== s.uuid);
    next.set(l.meetingId, {
      ...s,
      uuid: l.uuid ?? s.uuid,
      topic: l.topic || s.topic,
      hostId: l.hostId ?? s.hostId,
      hostName: l.hostName ?? s.hostName,
      hostEmail: l.hostEmail ?? s.hostEmail,
      status: 'live',
      // A list without counts keeps the count we had (events may have set it); a new instance starts unknown.
      participants: l.participants ?? (newInstance ? null : s.participants),
      liveSince: newInstance ? (l.startedAt ?? at) : s.liveSince,
      lastLiveAt: newInstance ? at : s.lastLiveAt,
      joinUrl: s.joinUrl ?? l.joinUrl,
    });
  }
  for (const [id, s] of next) {
    if (s.status === 'live' && !liveIds.has(id)) next.set(id, endedSession(s, now));
  }
}

/** Join links and passcodes from `GET /meetings/{id}`; Zoom's generic link when it gave none. */
function applyDetails(next: Map<string, Session>, details: MeetingDetails[], now: number): void {
  for (const d of details) {
    const s = next.get(d.meetingId);
    if (!s) continue;
    next.set(d.meetingId, {
      ...s,
      joinUrl: s.joinUrl ?? d.joinUrl ?? genericJoinUrl(d.meetingId),
      hostId: s.hostId ?? d.hostId,
      hostEmail: s.hostEmail ?? d.hostEmail,
      passcode: d.passcode ?? s.passcode,
      // The coming ones, and those over in the last day (a live instance may be overrunning its own).
      bookings: d.bookings ? d.bookings.filter((b) => Date.parse(b.endAt ?? b.startAt) > now - 86_400_000).slice(0, BOOKINGS_KEPT) : s.bookings,
    });
  }
}

export function reconcile(stored: Iterable<Session>, snapshot: Snapshot, now: Date, opts: ReconcileOptions = {}): SessionChange[] {
  const at = now.toISOString();
  const before = new Map<string, Session>();
  for (const s of stored) before.set(s.meetingId, s);
  const next = new Map<string, Session>(before);
  const blank: Blank = (meetingId, source) => blankSession(meetingId, source, at);
  if (snapshot.catalog) applyCatalog(next, snapshot.catalog, snapshot.live, blank, snapshot.catalogPartial === true);
  if (snapshot.live) applyLive(next, snapshot.live, now, blank);
  applyDetails(next, snapshot.details ?? [], now.getTime());

  const changes: SessionChange[] = [];
  for (const [id, s0] of next) {
    const s = withFallback(s0, opts.fallbackPassword ?? null);
    const old = before.get(id);
    if (!old || !sameSession(old, s)) changes.push({ type: 'upsert', session: { ...s, updatedAt: at } });
  }
  for (const id of before.keys()) if (!next.has(id)) changes.push({ type: 'remove', meetingId: id });
  return changes;
}

/** The original's ZOOM_MEETING_PASSWORD, where Zoom gave no passcode: in the link and to copy. */
function withFallback(s: Session, password: string | null): Session {
  if (!password) return s;
  return {
    ...s,
    joinUrl: s.joinUrl ? withFallbackPassword(s.joinUrl, password) : s.joinUrl,
    passcode: s.passcode || password,
  };
}

/** A live session that Zoom no longer lists, or that we ended: available, last live now. */
export function endedSession(s: Session, now: Date): Session {
  const at = now.toISOString();
  return { ...s, status: 'available', participants: 0, liveSince: null, lastLiveAt: at, updatedAt: at };
}

const COMPARED: (keyof Session)[] = [
  'uuid', 'topic', 'hostId', 'hostName', 'hostEmail', 'status', 'participants', 'liveSince',
  'lastLiveAt', 'joinUrl', 'passcode', 'source', 'nextStartAt', 'nextEndAt', 'firstSeenAt',
];

function sameSession(a: Session, b: Session): boolean {
  return COMPARED.every((k) => a[k] === b[k]) && (a.bookings === b.bookings || JSON.stringify(a.bookings) === JSON.stringify(b.bookings));
}

/** Meetings whose join link or passcode we lack: the engine asks Zoom for each once. */
export function needsDetails(stored: { get(id: string): Session | null | undefined }, ids: Iterable<string>): string[] {
  const out: string[] = [];
  for (const id of ids) {
    const s = stored.get(id);
    if (!s || lacksDetails(s)) out.push(id);
  }
  return out;
}
