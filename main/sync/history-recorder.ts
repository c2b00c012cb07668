// The usage history as the app sees it: every live instance of a meeting becomes one record (start, end,
// peak count, participant-minutes, who ended it through the app). Changes are folded in memory, and `take`
// hands over only the records that changed since the last take, so a busy room costs one write a flush,
// not one per join. Pure over the changes and times it is given.
import type { UsageInstance } from '../../shared/api-schema.js';
import type { Session, SessionChange } from '../../shared/session.js';

interface Open {
  inst: UsageInstance;
  /** The count since `at` (null: not known), for participant-minutes. */
  count: number | null;
  at: number;
  dirty: boolean;
}

const iso = (t: number) => new Date(t).toISOString();

export class HistoryRecorder {
  private readonly open = new Map<string, Open>();
  private closed: UsageInstance[] = [];
  private readonly endedBy = new Map<string, string>();

  /** After a restart: the instances stored as still live go on where the session is still live as the same
   * instance; the others ended while the app was away, as far as it can tell when it last saw them. */
  resume(stored: readonly UsageInstance[], sessionOf: (meetingId: string) => Session | null, now: number): void {
    for (const inst of stored) {
      if (inst.endedAt != null) continue;
      const s = sessionOf(inst.meetingId);
      if (s?.status === 'live' && sameInstance(inst, s)) this.open.set(inst.meetingId, { inst: { ...inst }, count: s.participants, at: now, dirty: false });
      else this.closed.push({ ...inst, endedAt: s?.lastLiveAt && s.lastLiveAt > inst.startedAt ? s.lastLiveAt : iso(now) });
    }
  }

  /** Who ended a meeting through the app (the End audit's `by`), for the record it closes. */
  endedThrough(meetingId: string, by: string): void {
    this.endedBy.set(meetingId, by);
  }

  observe(changes: readonly SessionChange[], now: number): void {
    for (const c of changes) {
      if (c.type === 'remove') this.close(c.meetingId, now, null);
      else if (c.session.status === 'live') this.live(c.session, now);
      else this.close(c.session.meetingId, now, c.session.lastLiveAt);
    }
  }

  /** The records that changed since the last take (live ones with their minutes up to now); closed ones once. */
  take(now: number): UsageInstance[] {
    const out = this.closed;
    this.closed = [];
    for (const o of this.open.values()) {
      if (!o.dirty) continue;
      this.integrate(o, now);
      o.dirty = false;
      out.push({ ...o.inst });
    }
    return out;
  }

  /** Records taken but not written (the store failed): given back, to go with the next take. */
  giveBack(records: readonly UsageInstance[]): void {
    this.closed.push(...records.filter((r) => r.endedAt != null));
    for (const r of records) {
      const o = r.endedAt == null ? this.open.get(r.meetingId) : undefined;
      if (o && o.inst.startedAt === r.startedAt) o.dirty = true;
    }
  }

  private live(s: Session, now: number): void {
    let o = this.open.get(s.meetingId);
    if (o && !sameInstance(o.inst, s)) {
      this.close(s.meetingId, now, null);
      o = undefined;
    }
    if (!o) {
      const inst: UsageInstance = {
        uuid: s.uuid,
        meetingId: s.meetingId,
        topic: s.topic,
        hostName: s.hostName ?? s.hostEmail,
        startedAt: s.liveSince ?? iso(now),
        endedAt: null,
        peakParticipants: s.participants,
        participantMinutes: s.participants == null ? null : 0,
        endedBy: null,
      };
      this.open.set(s.meetingId, { inst, count: s.participants, at: now, dirty: true });
      return;
    }
    if (s.participants === o.count && s.topic === o.inst.topic) return;
    this.integrate(o, now);
    o.count = s.participants;
    if (s.participants != null && s.participants > (o.inst.peakParticipants ?? -1)) o.inst.peakParticipants = s.participants;
    o.inst.participantMinutes ??= s.participants == null ? null : 0;
    o.inst.topic = s.topic || o.inst.topic;
    o.dirty = true;
  }

  private close(meetingId: string, now: number, lastLiveAt: string | null): void {
    const o = this.open.get(meetingId);
    if (!o) return;
    const end = lastLiveAt && lastLiveAt > o.inst.startedAt ? Date.parse(lastLiveAt) : now;
    this.integrate(o, end);
    this.open.delete(meetingId);
    this.closed.push({ ...o.inst, endedAt: iso(end), endedBy: this.endedBy.get(meetingId) ?? null });
    this.endedBy.delete(meetingId);
  }

  /** Participant-minutes up to `t` at the count held since `o.at`. */
  private integrate(o: Open, t: number): void {
    if (o.count != null && o.inst.participantMinutes != null && t > o.at) {
      o.inst.participantMinutes = Math.round((o.inst.participantMinutes + (o.count * (t - o.at)) / 60_000) * 100) / 100;
    }
    o.at = Math.max(o.at, t);
  }
}

/** The same instance: the same uuid when both have one, else the same start. */
function sameInstance(inst: UsageInstance, s: Session): boolean {
  if (inst.uuid != null && s.uuid != null) return inst.uuid === s.uuid;
  return s.liveSince == null || inst.startedAt === s.liveSince;
}
