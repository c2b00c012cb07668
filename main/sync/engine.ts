// The sync engine runs rounds: the catalog (every host's scheduled meetings and personal room) and the
// live list, each reconciled into the session cache; events and End go through the same cache. Its
// parts: SessionCache (sessions, store, listeners), StatusBoard, LiveReader (Dashboard or per-host),
// EventGate (lists never undo newer events), MeetingEnder, DetailsFiller. Timers live in scheduler.ts.
import { sleepMs } from '../../shared/clock.js';
import type { Session, SessionChange, SyncStatus } from '../../shared/session.js';
import type { AuditEntry, Participants } from '../../shared/api-schema.js';
import type { SessionStore } from '../store/session-store.js';
import { isZoomError } from '../zoom/errors.js';
import { CallCancelled, type CallPriority } from '../zoom/call-budget.js';
import type { MeetingEvent } from '../zoom/events/zoom-event.js';
import type { ZoomDashboardMeeting, ZoomUser, PastType } from '../zoom/wire-types.js';
import { DetailsFiller } from './details-filler.js';
import { DashboardRoster } from './dashboard-roster.js';
import { ResourceShare } from './resource-share.js';
import { WhoIsIn } from './who-is-in.js';
import { SessionError } from './errors.js';
import { applyMeetingEvent, type Ledgers } from './event-reconcile.js';
import { EventGate } from './event-gate.js';
import { withZoomLinksOnly } from './link-check.js';
import { LiveReader } from './live-reader.js';
import { MeetingEnder } from './meeting-ender.js';
import { Pacer } from './pacer.js';
import { lightCallsPerSecond, liveIntervalMs, mediumCallsPerSecond, type ZoomPlan } from './rate-budget.js';
import { needsDetails, reconcile, type CatalogMeeting, type Snapshot } from './reconcile.js';
import { SessionCache } from './session-cache.js';
import { DEFAULT_ATTENTION, derived, type AttentionRules } from './room-insight.js';
import { dueForAutoEnd, endDue, NO_AUTO_END, type AutoEndPolicy } from './auto-end.js';
import { StatusBoard } from './status-board.js';
import { detailsOrder, readCatalog } from './catalog-reader.js';
import type { ZoomApi } from './zoom-api.js';
export type { ZoomApi };
export { SessionError };

export interface SyncEngineOptions {
  zoom: ZoomApi;
  store: SessionStore;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  preferredLiveIntervalMs?: number;
  plan?: ZoomPlan;
  /** After the Dashboard is refused, try it again this much later. */
  dashboardRetryMs?: number;
  fallbackPassword?: string | null;
  /** While events are trusted, the live list is read this often to catch what they missed. */
  driftCheckMs?: number;
  /** When a live meeting needs attention (empty, alone, overrun). */
  attention?: AttentionRules;
  /** Which of those the app ends by itself, after a warning; none by default. */
  autoEnd?: AutoEndPolicy;
  log?: (line: string) => void;
}

export const DRIFT_CHECK_MS = 2 * 60_000;
/** Meetings whose passcodes are read and committed at a time: ~5 s of Light calls. */
const DETAILS_BATCH = 100;


/** How a sync round went; retryAt (epoch ms) when Zoom asked us to wait. */
export interface RoundResult {
  ok: boolean;
  retryAt: number | null;
}

export class SyncEngine {
  readonly board: StatusBoard;
  private readonly cache: SessionCache;
  private readonly reader: LiveReader;
  private readonly gate: EventGate;
  private readonly ender: MeetingEnder;
  private readonly details: DetailsFiller;
  private readonly autoEndPolicy: AutoEndPolicy;
  private readonly roster: DashboardRoster;
  /** Resource-intensive calls beside the live poll: names asked for, and the history's backfill. */
  private readonly share = new ResourceShare();
  private readonly whoIsIn: WhoIsIn;
  /** Paces user lists (Medium calls): the catalog and per-host live lists. */
  private readonly medium: Pacer;
  private users: ZoomUser[] | null = null;
  /** Meetings whose join link from Zoom was refused (not a Zoom link): logged once each. */
  private readonly refusedLinks = new Set<string>();
  /** Who is in each live instance, as events told us. */
  private readonly ledgers: Ledgers = new Map();
  /** Bumped when the account changes: a round that started before must not write its answers. */
  private epoch = 0;
  /** Passcodes being read after a catalog round. `runToken` changes when the scheduler stops: calls
   * not yet sent are not sent (another instance leads now, or another account is in use). */
  private background: Promise<void> = Promise.resolve();
  private runToken = 0;
  private readonly now: () => number;
  private readonly log: (line: string) => void;

  constructor(private readonly opts: SyncEngineOptions) {
    const now = (this.now = opts.now ?? (() => Date.now()));
    this.log = opts.log ?? (() => undefined);
    const clock = { now, sleep: opts.sleep ?? sleepMs };
    const plan = opts.plan ?? 'business';
    this.board = new StatusBoard(() => ({
      configured: opts.zoom.configured ?? true,
      strategy: this.reader.strategy,
      liveIntervalMs: this.liveIntervalMs(),
      rateLimits: opts.zoom.rateLimits.snapshot(now()),
      dashboard: this.reader.dashboard,
    }), now, this.log);
    const rules = opts.attention ?? DEFAULT_ATTENTION;
    this.autoEndPolicy = opts.autoEnd ?? NO_AUTO_END;
    this.cache = new SessionCache(opts.store, (e) => this.board.recordError(e), (before, s) => derived(before, s, now(), rules, this.autoEndPolicy));
    this.medium = new Pacer(mediumCallsPerSecond(plan), clock);
    this.reader = new LiveReader({ zoom: opts.zoom, pacer: this.medium, now, dashboardRetryMs: opts.dashboardRetryMs, log: this.log });
    this.gate = new EventGate(now);
    this.ender = new MeetingEnder(opts.zoom, this.cache, this.gate, now, { store: opts.store, onError: (e) => this.board.recordError(e) });
    this.details = new DetailsFiller(opts.zoom, new Pacer(lightCallsPerSecond(plan), clock));
    this.roster = new DashboardRoster(opts.zoom, now);
    this.whoIsIn = new WhoIsIn(this.ledgers, this.roster, {
      now,
      eventsTrusted: () => this.board.eventsTrusted,
      follower: () => this.board.follower,
      dashboard: () => this.reader.strategy === 'dashboard',
    });
    // Names go with the instance they were read for.
    this.cache.onChanges((changes) => {
      for (const c of changes) if (c.type === 'remove' || c.session.status !== 'live') this.roster.forget(c.type === 'remove' ? c.meetingId : c.session.meetingId);
    });
  }

  load(): Promise<void> {
    return this.cache.load();
  }

  list(): Session[] {
    return this.cache.list();
  }

  get(meetingId: string): Session | null {
    return this.cache.get(meetingId);
  }

  onChanges(fn: (changes: SessionChange[]) => void): () => void {
    return this.cache.onChanges(fn);
  }

  onStatus(fn: (status: SyncStatus) => void): () => void {
    return this.board.onStatus(fn);
  }

  status(): SyncStatus {
    return this.board.status();
  }

  /** Another instance's changes (team mode): the shared store has them already. */
  applyRemote(changes: SessionChange[]): Promise<void> {
    return this.cache.applyRemote(changes);
  }

  /** Ends a live meeting in Zoom, for `by` (recorded in the End audit with Zoom's answer). Concurrent calls
   * for one meeting share one Zoom call. */
  endMeeting(meetingId: string, by: string): Promise<Session | null> {
    return this.ender.end(meetingId, by);
  }

  /** One page of Zoom's past meetings of a day (UTC) for the usage history, when the Dashboard is in use, the
   * live list is current and the on-demand share has been idle `idleMs`; null when not now. */
  async pastMeetingsPage(day: string, type: PastType, pageToken: string | null, idleMs: number): Promise<{ meetings: ZoomDashboardMeeting[]; next: string | null } | null> {
    if (this.reader.strategy !== 'dashboard' || this.board.follower || !this.board.liveCurrent() || !this.share.takeIfIdle(this.now(), idleMs)) return null;
    return this.opts.zoom.dashboardPastPage(day, type, pageToken);
  }

  /** Told of every End Zoom carried out, with who asked (the usage history's `endedBy`). */
  onEnded(fn: (meetingId: string, by: string) => void): () => void {
    return this.ender.onEnded(fn);
  }

  /** The End audit, newest first. */
  audit(query: { limit: number; before?: string | null }): Promise<AuditEntry[]> {
    return this.opts.store.audit(query);
  }

  /** Who is in a live meeting, by name (in memory only): see WhoIsIn. Null for a meeting we do not know;
   * SessionError('not-live') when it is not live. */
  async participants(meetingId: string): Promise<Participants | null> {
    const s = this.cache.get(meetingId);
    return s ? this.whoIsIn.participants(s) : null;
  }

  /** The names known now without asking Zoom, in join order; null when none are. For the tray. */
  namesKnown(meetingId: string): string[] | null {
    const s = this.cache.get(meetingId);
    return s?.status === 'live' ? this.whoIsIn.namesKnown(s) : null;
  }

  /** Keep running: this live instance needs no attention and is never ended by the policy. */
  keep(meetingId: string): Promise<Session> {
    return this.cache.exclusive(async () => {
      const s = this.cache.get(meetingId);
      if (!s) throw new SessionError('not-found', `No session with meeting ID ${meetingId}.`);
      if (s.status !== 'live') throw new SessionError('not-live', `“${s.topic || meetingId}” is not live.`);
      if (!s.kept) await this.cache.applyNow([{ type: 'upsert', session: { ...s, kept: true, updatedAt: new Date(this.now()).toISOString() } }]);
      return this.cache.get(meetingId)!;
    });
  }

  /** Attention and free-until as time alone changes them (a threshold passed, a booking began); the
   * scheduler calls it each INSIGHT_TICK_MS. Resolves to how many sessions changed. */
  reviewInsight(): Promise<number> {
    return this.cache.review(new Date(this.now()).toISOString());
  }

  /** Ends the live meetings whose auto-end warning has run out, as `policy:<kind>` in the End audit. Only
   * the instance that reads Zoom calls it (the scheduler's tick): in team mode, the leader. An End Zoom
   * refuses leaves the meeting live; its warning is then given again in full (STALE_WARNING_MS). */
  autoEnd(): Promise<number> {
    const due = dueForAutoEnd(this.cache.values(), this.now(), this.autoEndPolicy);
    return endDue(due, (id) => this.cache.get(id)?.topic || id, (id, by) => this.endMeeting(id, by), this.log);
  }

  /** The interval to the next live poll that keeps us within a quarter of the rate budget;
   * while events are trusted, only a drift check. */
  liveIntervalMs(): number {
    const polling = liveIntervalMs({
      strategy: this.reader.strategy,
      hosts: this.users?.length ?? 1,
      live: this.cache.liveCount(),
      plan: this.opts.plan ?? 'business',
      preferredMs: this.opts.preferredLiveIntervalMs ?? 10_000,
    });
    return this.board.eventsTrusted ? Math.max(polling, this.opts.driftCheckMs ?? DRIFT_CHECK_MS) : polling;
  }

  /** Another Zoom account: forget every session and what we learned of the old one. */
  async resetAccount(): Promise<void> {
    this.epoch++;
    await this.cache.clear();
    this.users = null;
    this.reader.reset();
    this.details.clear();
    this.gate.clear();
    this.ender.clear();
    this.ledgers.clear();
    this.roster.clear();
    this.share.clear();
    this.board.reset();
  }

  /** A meeting event from Zoom (WebSocket or webhook): applied at once, once. */
  async applyEvent(e: MeetingEvent): Promise<void> {
    if (!this.gate.firstTime(e)) return;
    const epoch = this.epoch;
    const fresh = await this.cache.exclusive(async () => {
      if (epoch !== this.epoch) return false;
      const changes = applyMeetingEvent(this.cache.get(e.meetingId) ?? undefined, this.ledgers, e, new Date(this.now()));
      this.board.eventArrived();
      if (changes.length === 0) return false;
      this.gate.eventChanged(e.meetingId);
      if (e.kind === 'ended') this.gate.ended(e.meetingId);
      await this.cache.applyNow(changes);
      return e.kind === 'started';
    });
    // A meeting first seen through its start: ask once for its link and passcode.
    if (fresh) await this.fillDetails([e.meetingId], epoch);
  }

  /** Catalog: every active user's scheduled and recurring meetings and personal room, committed (and
   * shown) a batch of hosts at a time; what is gone from Zoom goes once every host is read. Passcodes
   * follow in the background, soonest meeting first (detailsSettled() waits for them). */
  refreshCatalog(): Promise<RoundResult> {
    return this.round(async (epoch) => {
      const run = this.runToken;
      const users = await this.opts.zoom.listActiveUsers();
      this.users = users;
      const catalog = await readCatalog({
        zoom: this.opts.zoom,
        pacer: this.medium,
        users,
        going: () => run === this.runToken && epoch === this.epoch,
        onBatch: async (batch, hostsRead) => {
          await this.commit({ catalog: batch, catalogPartial: true }, epoch);
          this.board.setProgress('catalog', { done: hostsRead, total: users.length });
        },
      });
      if (!catalog) return;
      await this.commit({ catalog }, epoch);
      if (epoch !== this.epoch) return;
      this.board.catalogRead();
      this.board.setProgress('catalog', null);
      this.detailsInBackground(catalog, epoch);
    });
  }

  /** Resolves when the passcodes being read in the background are in. */
  detailsSettled(): Promise<void> {
    return this.background;
  }

  /** No more calls for rounds under way or in the background (the scheduler stopped). */
  stopCalls(): void {
    this.runToken++;
    this.opts.zoom.budget?.dropBackground('This instance stopped reading Zoom.');
    this.board.setProgress('details', null);
  }

  /** Live: the Dashboard when the account permits it, else each host's `type=live` list. */
  pollLive(priority: CallPriority = 'background'): Promise<RoundResult> {
    return this.round(async (epoch) => {
      const run = this.runToken;
      const fetchedAt = this.now();
      const live = await this.reader.read(async () => (this.users ??= await this.opts.zoom.listActiveUsers()), this.users, priority);
      const fresh = this.gate.filter(live, fetchedAt, (id) => this.cache.get(id));
      if (epoch !== this.epoch) return;
      this.board.clearError(); // before the commit: a store failure in it is the news
      await this.commit({ live: fresh }, epoch);
      if (epoch !== this.epoch) return;
      this.board.endsChecked(this.ender.confirm(live, fetchedAt), (id) => this.cache.get(id));
      this.board.liveRead();
      await this.fillDetails(fresh.map((l) => l.meetingId), epoch, () => run === this.runToken);
    }).then((result) => this.board.liveRoundDone(result));
  }

  /** A person is about to join or copy: this meeting's link and passcode now when they are not known yet,
   * ahead of the background's batches. Null for a meeting we do not know; Zoom's errors are thrown. */
  async detailsNow(meetingId: string): Promise<Session | null> {
    if (!this.cache.get(meetingId)) return null;
    if (needsDetails(this.cache, [meetingId]).length > 0) {
      const epoch = this.epoch;
      const found = await this.details.now(meetingId);
      if (found) await this.commit({ details: [found] }, epoch);
    }
    return this.cache.get(meetingId) ?? null;
  }

  /** Everything once, in turn, to the end: the catalog, the live list, and the passcodes. */
  async syncNow(): Promise<RoundResult> {
    const catalog = await this.refreshCatalog();
    const live = await this.pollLive();
    await this.detailsSettled();
    return live.ok ? catalog : live;
  }

  /** Passcodes of catalog meetings, soonest next start first, in batches: a live meeting's own (asked for by
   * its round) waits for one batch at most, and what is read shows batch by batch. */
  private detailsInBackground(catalog: CatalogMeeting[], epoch: number): void {
    const ids = detailsOrder(catalog);
    const run = this.runToken;
    this.background = this.background.then(async () => {
      const todo = needsDetails(this.cache, ids);
      for (let i = 0; i < todo.length && epoch === this.epoch && run === this.runToken; i += DETAILS_BATCH) {
        this.board.setProgress('details', { done: i, total: todo.length });
        await this.fillDetails(todo.slice(i, i + DETAILS_BATCH), epoch, () => run === this.runToken);
      }
      if (run === this.runToken) this.board.setProgress('details', null);
    }).catch((e: unknown) => this.board.recordError(e));
  }

  /** Join links and passcodes of those meetings that have none yet. */
  private async fillDetails(ids: string[], epoch: number, going: () => boolean = () => true): Promise<void> {
    const found = await this.details.fetch(needsDetails(this.cache, ids), going);
    if (found.length > 0) await this.commit({ details: found }, epoch);
  }

  private commit(snapshot: Snapshot, epoch: number): Promise<void> {
    return this.cache.exclusive(async () => {
      if (epoch !== this.epoch) return;
      const checked = withZoomLinksOnly(snapshot);
      for (const id of checked.refused) {
        if (this.refusedLinks.has(id)) continue;
        this.refusedLinks.add(id);
        this.log(`sync: Zoom gave meeting ${id} a join link that is not an https Zoom link; it is not used.`);
      }
      const changes = reconcile(this.cache.values(), checked.snapshot, new Date(this.now()), { fallbackPassword: this.opts.fallbackPassword ?? null });
      await this.cache.applyNow(changes);
    });
  }

  /** Runs a sync round; its failure becomes the status' last error, never an exception. */
  private async round(fn: (epoch: number) => Promise<void>): Promise<RoundResult> {
    const epoch = this.epoch;
    try {
      await fn(epoch);
      return { ok: true, retryAt: null };
    } catch (e) {
      // A round for the account we just left says nothing about the new one; one whose calls were called off
      // (this instance stopped reading Zoom) says nothing at all.
      if (epoch === this.epoch && !(e instanceof CallCancelled)) this.board.recordError(e);
      return { ok: false, retryAt: isZoomError(e) ? e.retryAt : null };
    } finally {
      this.board.announce();
    }
  }
}
