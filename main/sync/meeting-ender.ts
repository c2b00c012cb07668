// End: asks Zoom to end a live meeting and shows it ended at once. Two clicks on End share one call.
// Every End that reaches Zoom is written to the End audit: who asked, and what Zoom answered.
import type { AuditEntry } from '../../shared/api-schema.js';
import type { Session } from '../../shared/session.js';
import { isZoomError } from '../zoom/errors.js';
import { SessionError } from './errors.js';
import type { EventGate } from './event-gate.js';
import { endedSession } from './reconcile.js';
import type { SessionCache } from './session-cache.js';

export interface EndAudit {
  store: { addAudit(entry: AuditEntry): Promise<void> };
  /** The audit could not be written: said in the status; the End itself stands. */
  onError: (e: unknown) => void;
}

export class MeetingEnder {
  private readonly ending = new Map<string, Promise<Session | null>>();
  private readonly endListeners = new Set<(meetingId: string, by: string) => void>();
  private lastAuditAt = 0;

  constructor(
    private readonly zoom: { endMeeting(meetingId: string): Promise<void> },
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
      // 3001: the meeting no longer exists in Zoom; keeping it would offer a dead link.
      record('gone', e.zoomCode ?? 3001, e.message);
      this.gate.ended(meetingId);
      await this.cache.commit([{ type: 'remove', meetingId }]);
      return null;
    }
    record('ended');
    this.gate.ended(meetingId);
    const ended = endedSession(this.cache.get(meetingId) ?? s, new Date(this.now()));
    await this.cache.commit([{ type: 'upsert', session: ended }]);
    return ended;
  }
}
