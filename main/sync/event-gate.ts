// Between events and lists: a live list read at `fetchedAt` cannot know of what we ended or what
// events said after that moment, so it must not undo them. Also lets each event through once.
import type { Session } from '../../shared/session.js';
import { eventKey, type MeetingEvent } from '../zoom/events/zoom-event.js';
import { liveFromSession, type LiveMeeting } from './reconcile.js';

/** When we ended a meeting, and when an event last changed one (epoch ms, by meeting id). */
export interface Marks {
  endedAt: ReadonlyMap<string, number>;
  eventAt: ReadonlyMap<string, number>;
}

/** A live list as it may be applied, given what happened since it was read. Pure.
 * - a meeting we ended after the read is left out (the list cannot know yet);
 * - a meeting an event changed after the read keeps the event's count (participants null = unchanged);
 * - a meeting an event started after the read, and still live, is kept though the list lacks it. */
export function besideEvents(live: LiveMeeting[], fetchedAt: number, marks: Marks, session: (id: string) => Session | null): LiveMeeting[] {
  const after = (m: ReadonlyMap<string, number>, id: string) => (m.get(id) ?? -Infinity) >= fetchedAt;
  const fresh = live
    .filter((l) => !after(marks.endedAt, l.meetingId))
    .map((l) => (after(marks.eventAt, l.meetingId) ? { ...l, participants: null } : l));
  const listed = new Set(fresh.map((l) => l.meetingId));
  for (const [id, t] of marks.eventAt) {
    const s = session(id);
    if (t >= fetchedAt && s?.status === 'live' && !listed.has(id)) fresh.push(liveFromSession(s));
  }
  return fresh;
}

const MAX_SEEN_EVENTS = 10_000;
/** No list in flight is older than this: marks older than that are forgotten. */
const MARK_TTL_MS = 10 * 60_000;

export class EventGate {
  private readonly endedAt = new Map<string, number>();
  private readonly eventAt = new Map<string, number>();
  /** Events already applied (Zoom repeats webhooks; links repeat messages), oldest first. */
  private readonly seen = new Set<string>();

  constructor(private readonly now: () => number) {}

  /** true the first time an event is offered, false for a repeat. */
  firstTime(e: MeetingEvent): boolean {
    const key = eventKey(e);
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    if (this.seen.size > MAX_SEEN_EVENTS) this.seen.delete(this.seen.values().next().value!);
    return true;
  }

  eventChanged(meetingId: string): void {
    this.eventAt.set(meetingId, this.now());
  }

  ended(meetingId: string): void {
    this.endedAt.set(meetingId, this.now());
  }

  /** The live list read at fetchedAt, as it may be applied now. */
  filter(live: LiveMeeting[], fetchedAt: number, session: (id: string) => Session | null): LiveMeeting[] {
    const fresh = besideEvents(live, fetchedAt, { endedAt: this.endedAt, eventAt: this.eventAt }, session);
    for (const [id, t] of this.eventAt) if (t < fetchedAt - MARK_TTL_MS) this.eventAt.delete(id);
    return fresh;
  }

  clear(): void {
    this.endedAt.clear();
    this.eventAt.clear();
    this.seen.clear();
  }
}
