// End: asks Zoom to end a live meeting and shows it ended at once. Two clicks on End share one call.
// Every End that reaches Zoom is written to the End audit: who asked, and what Zoom answered.
import type { AuditEntry } from '../../shared/api-schema.js';
import type { Session } from '../../shared/session.js';
import { isZoomError } from '../zoom/errors.js';
import { SessionError } from './errors.js';
import type { EventGate } from './event-gate.js';
import { endedSession, type LiveMeeting } from './reconcile.js';
import type { SessionCache } from './session-cache.js';
import type { ZoomApi } from './zoom-api.js';

export interface EndAudit {
  store: { addAudit(entry: AuditEntry): Promise<void> };
  /** The audit could not be written: said in the status; the End itself stands. */
  onError: (e: unknown) => void;
}

/** What the audit and the status say when an End Zoom accepted did not end the meeting. */
export const END_NOT_TAKEN = 'Zoom accepted End, but the meeting is still live.';

export class MeetingEnder {
  /** Ends Zoom accepted (204), until a live read begun after them confirms them. */
  private readonly unconfirmed = new Map<string, { at: number; uuid: string | null; topic: string; by: string }>();
  private readonly ending = new Map<string, Promise<Session | null>>();
  private readonly endListeners = new Set<(meetingId: string, by: string) => void>();
  private lastAuditAt = 0;

  constructor(
    private readonly zoom: Pick<ZoomApi, 'endMeeting' | 'getMeeting'>,
    private readonly cache: SessionCache,
    private readonly gate: EventGate,
    private readonly now: () => number,
    private readonly audit: EndAudit | null = null,
  ) {}

  /** Told of every End Zoom carried out, with who asked. */
  onEnded(fn: (meetingId: string, by: string) => void): () => void {
    this.endListeners.add(fn);
    return () => this.endListeners.delete(fn);
  }

  /** An End for the audit. Times are made strictly increasing, so paging by time (`before`) skips none. */
  private record(entry: AuditEntry): void {
    if (entry.outcome === 'ended') for (const fn of this.endListeners) fn(entry.meetingId, entry.by);
    const at = Math.max(Date.parse(entry.at), this.lastAuditAt + 1);
    this.lastAuditAt = at;
    this.audit?.store.addAudit({ ...entry, at: new Date(at).toISOString() }).catch((e: unknown) => this.audit?.onError(e));
  }

  /** The ended session, or null when Zoom no longer has the meeting (it is then removed). `by` is who asked
   * ('dashboard', 'tray', 'token:<label>', 'policy:<kind>'); a second asker while the first call runs shares it. */
  end(meetingId: string, by: string): Promise<Session | null> {
    const pending = this.ending.get(meetingId);
    if (pending) return pending;
    const s = this.cache.get(meetingId);
    if (!s) return Promise.reject(new SessionError('not-found', `No session with meeting ID ${meetingId}.`));
    if (s.status !== 'live') return Promise.reject(new SessionError('not-live', `“${s.topic || meetingId}” is not live.`));
    const run = this.endInZoom(s, by).finally(() => this.ending.delete(meetingId));
    this.ending.set(meetingId, run);
    return run;
  }

  /** A live read begun at `fetchedAt` confirms each End Zoom accepted before it: the meeting's instance is not
   * in it. One that still is gets a "failed" entry in the audit; its meeting ids are returned (the row is live
   * again, so End can be pressed again). */
  confirm(live: readonly LiveMeeting[], fetchedAt: number): string[] {
    const still: string[] = [];
    for (const [meetingId, e] of this.unconfirmed) {
      if (e.at >= fetchedAt) continue; // read before the End: it cannot know
      this.unconfirmed.delete(meetingId);
      const l = live.find((x) => x.meetingId === meetingId);
      if (!l || (l.uuid != null && e.uuid != null && l.uuid !== e.uuid)) continue; // over, or a new instance
      this.record({ at: new Date(this.now()).toISOString(), meetingId, topic: e.topic, by: e.by, outcome: 'failed', zoomCode: null, message: END_NOT_TAKEN });
      still.push(meetingId);
    }
    return still;
  }

  /** Another account: its Ends are not ours to confirm. */
  clear(): void {
    this.unconfirmed.clear();
  }

  /** Whether Zoom still has the meeting (a person is waiting: the read does not wait for the budget). */
  private async stillInZoom(meetingId: string): Promise<boolean> {
    try {
      await this.zoom.getMeeting(meetingId, 'exempt');
      return true;
    } catch (e) {
      if (isZoomError(e) && e.kind === 'not-found') return false;
      // Not known: say it is gone only when Zoom says so; the next catalog read settles it.
      return true;
    }
  }

  private async endInZoom(s: Session, by: string): Promise<Session | null> {
    const { meetingId } = s;
    const record = (outcome: AuditEntry['outcome'], zoomCode: number | null = null, message: string | null = null) =>
      this.record({ at: new Date(this.now()).toISOString(), meetingId, topic: s.topic, by, outcome, zoomCode, message });
    try {
      await this.zoom.endMeeting(meetingId);
    } catch (e) {
      if (!isZoomError(e) || e.kind !== 'not-found') {
        record('failed', isZoomError(e) ? e.zoomCode : null, e instanceof Error ? e.message : String(e));
        throw e;
      }
      // 3001: nothing live to end. The instance ended a moment ago (the meeting is still in Zoom: it is
      // available), or the meeting is gone (keeping it would offer a dead link).
      this.gate.ended(meetingId);
      if (await this.stillInZoom(meetingId)) {
        record('ended', e.zoomCode ?? 3001, 'It had already ended in Zoom.');
        const over = endedSession(this.cache.get(meetingId) ?? s, new Date(this.now()));
        await this.cache.commit([{ type: 'upsert', session: over }]);
        return over;
      }
      record('gone', e.zoomCode ?? 3001, e.message);
      await this.cache.commit([{ type: 'remove', meetingId }]);
      return null;
    }
    record('ended');
    this.unconfirmed.set(meetingId, { at: this.now(), uuid: s.uuid ?? null, topic: s.topic, by });
    this.gate.ended(meetingId);
    const ended = endedSession(this.cache.get(meetingId) ?? s, new Date(this.now()));
    await this.cache.commit([{ type: 'upsert', session: ended }]);
    return ended;
  }
}
