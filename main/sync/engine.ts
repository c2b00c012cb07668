// The sync engine: reads Zoom (catalog every 10 min, live list every interval), reconciles, stores,
// and tells listeners what changed. It also ends meetings. Timers live in scheduler.ts.
import { setTimeout as delay } from 'node:timers/promises';
import type { RateLimitState, Session, SessionChange, SyncError, SyncStatus, SyncStrategy } from '../../shared/session.js';
import { applyChanges } from '../../shared/session-changes.js';
import type { SessionStore } from '../store/session-store.js';
import { ZoomError, isZoomError } from '../zoom/errors.js';
import type { ZoomDashboardMeeting, ZoomMeeting, ZoomMeetingSummary, ZoomUser } from '../zoom/wire-types.js';
import { Pacer } from './pacer.js';
import { lightCallsPerSecond, liveIntervalMs, mediumCallsPerSecond, type ZoomPlan } from './rate-budget.js';
import { endedSession, liveFromSession, needsDetails, reconcile, type CatalogMeeting, type LiveMeeting, type MeetingDetails, type Snapshot } from './reconcile.js';
import { SessionError } from './errors.js';
import { dashboardFallback } from './dashboard-fallback.js';
import { applyMeetingEvent, type Ledgers } from './event-reconcile.js';
import { eventKey, type MeetingEvent } from '../zoom/events/zoom-event.js';
export { SessionError };
import { withZoomLinksOnly } from './link-check.js';
import { detailsOf, fromDashboard, fromScheduled, fromUserLive, personalRoom } from './zoom-mapping.js';

/** What the engine needs of the Zoom client (ZoomClient implements it). */
export interface ZoomApi {
  listActiveUsers(): Promise<ZoomUser[]>;
  listUserMeetings(userId: string, type: 'scheduled' | 'live'): Promise<ZoomMeetingSummary[]>;
  listDashboardLiveMeetings(from: string, to: string): Promise<ZoomDashboardMeeting[]>;
  getMeeting(meetingId: string): Promise<ZoomMeeting>;
  endMeeting(meetingId: string): Promise<void>;
  readonly rateLimits: { snapshot(now: number): RateLimitState[] };
  /** false while no Zoom account is set up (ZoomConnection); a ZoomClient always is. */
  readonly configured?: boolean;
}

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
  log?: (line: string) => void;
}

export const DRIFT_CHECK_MS = 2 * 60_000;
const MAX_SEEN_EVENTS = 10_000;

/** How a sync round went; retryAt (epoch ms) when Zoom asked us to wait. */
export interface RoundResult {
  ok: boolean;
  retryAt: number | null;
}

type ChangeListener = (changes: SessionChange[]) => void;
type StatusListener = (status: SyncStatus) => void;

export class SyncEngine {
  private readonly sessions = new Map<string, Session>();
  private users: ZoomUser[] | null = null;
  private strategy: SyncStrategy = 'dashboard';
  private dashboardRetryAt = 0;
  /** Why the Dashboard is not in use: Zoom's refusal in words, or a daily limit until then. */
  private dashboard = { refusal: null as string | null, dailyUntil: null as number | null };
  private readonly detailsTried = new Set<string>();
  private readonly ending = new Map<string, Promise<Session | null>>();
  /** Meetings whose join link from Zoom was refused (not a Zoom link): logged once each. */
  private readonly refusedLinks = new Set<string>();
  /** When we ended a meeting: a live list fetched before that moment must not bring it back. */
  private readonly endedAt = new Map<string, number>();
  private lock: Promise<unknown> = Promise.resolve();
  /** Who is in each live instance, as events told us. */
  private readonly ledgers: Ledgers = new Map();
  /** Events already applied (Zoom repeats webhooks; links repeat messages), newest last. */
  private readonly seenEvents = new Set<string>();
  /** When an event last changed a meeting: a live list read before that must not undo it. */
  private readonly eventAt = new Map<string, number>();
  private database: SyncStatus['database'] = null;
  private team: SyncStatus['team'] = null;
  private events = { source: null as 'websocket' | 'webhook' | null, trusted: false, lastAt: null as number | null, problem: null as string | null };
  /** Bumped when the account changes: a round that started before must not write its answers. */
  private epoch = 0;
  private readonly changeListeners = new Set<ChangeListener>();
  private readonly statusListeners = new Set<StatusListener>();
  private readonly now: () => number;
  /** One pacer per category we burst in: Medium (user lists) and Light (meeting details). */
  private readonly medium: Pacer;
  private readonly light: Pacer;
  private state = {
    ready: false,
    lastLiveSyncAt: null as number | null,
    lastCatalogSyncAt: null as number | null,
    lastError: null as SyncError | null,
    nextLiveSyncAt: null as number | null,
  };

  constructor(private readonly opts: SyncEngineOptions) {
    this.now = opts.now ?? Date.now;
    const clock = { now: this.now, sleep: opts.sleep ?? ((ms: number) => delay(ms)) };
    const plan = opts.plan ?? 'business';
    this.medium = new Pacer(mediumCallsPerSecond(plan), clock);
    this.light = new Pacer(lightCallsPerSecond(plan), clock);
  }

  async load(): Promise<void> {
    // Sessions stored before passcodes were kept have none: not known yet.
    for (const s of await this.opts.store.list()) this.sessions.set(s.meetingId, { ...s, passcode: s.passcode ?? null });
  }

  list(): Session[] {
    return [...this.sessions.values()];
  }

  get(meetingId: string): Session | null {
    return this.sessions.get(meetingId) ?? null;
  }

  onChanges(fn: ChangeListener): () => void {
    this.changeListeners.add(fn);
    return () => this.changeListeners.delete(fn);
  }

  onStatus(fn: StatusListener): () => void {
    this.statusListeners.add(fn);
    return () => this.statusListeners.delete(fn);
  }

  /** The interval to the next live poll that keeps us within a quarter of the rate budget;
   * while events are trusted, only a drift check. */
  liveIntervalMs(): number {
    const live = this.list().filter((s) => s.status === 'live').length;
    const polling = liveIntervalMs({
      strategy: this.strategy,
      hosts: this.users?.length ?? 1,
      live,
      plan: this.opts.plan ?? 'business',
      preferredMs: this.opts.preferredLiveIntervalMs ?? 10_000,
    });
    return this.events.trusted ? Math.max(polling, this.opts.driftCheckMs ?? DRIFT_CHECK_MS) : polling;
  }

  status(): SyncStatus {
    const iso = (t: number | null) => (t == null ? null : new Date(t).toISOString());
    return {
      configured: this.opts.zoom.configured ?? true,
      ready: this.state.ready,
      strategy: this.strategy,
      liveIntervalMs: this.liveIntervalMs(),
      lastLiveSyncAt: iso(this.state.lastLiveSyncAt),
      lastCatalogSyncAt: iso(this.state.lastCatalogSyncAt),
      lastError: this.state.lastError,
      nextLiveSyncAt: iso(this.state.nextLiveSyncAt),
      rateLimits: this.opts.zoom.rateLimits.snapshot(this.now()),
      liveVia: this.events.trusted ? 'events' : 'polling',
      eventSource: this.events.source,
      lastEventAt: iso(this.events.lastAt),
      notes: this.notes(),
      database: this.database,
      team: this.team,
    };
  }

  /** What limits the view now, in words for the status line. */
  private notes(): string[] {
    const notes: string[] = [];
    if (this.events.problem) notes.push(`events: ${this.events.problem}`);
    // Per-host lists never include instant meetings: only the Dashboard or events show them.
    if (this.dashboard.dailyUntil != null && this.dashboard.dailyUntil > this.now()) {
      notes.push(`Zoom's daily limit for the Dashboard is spent until ${new Date(this.dashboard.dailyUntil).toISOString().slice(11, 16)} UTC`);
    } else if (this.dashboard.refusal && this.strategy === 'per-host') notes.push(this.dashboard.refusal);
    if (this.strategy === 'per-host' && !this.events.trusted) notes.push('instant meetings show only with Zoom events');
    return notes;
  }

  /** Why the event source is not delivering, in words (null: it is fine or not configured). */
  setEventProblem(text: string | null): void {
    if (this.events.problem === text) return;
    this.events.problem = text;
    if (text) this.opts.log?.(`events: ${text}.`);
    this.emitStatus();
  }

  /** Another Zoom account: forget every session and what we learned of the old one. */
  async resetAccount(): Promise<void> {
    this.epoch++;
    await this.commitChanges([...this.sessions.keys()].map((meetingId) => ({ type: 'remove' as const, meetingId })));
    this.users = null;
    this.strategy = 'dashboard';
    this.dashboardRetryAt = 0;
    this.dashboard = { refusal: null, dailyUntil: null };
    this.detailsTried.clear();
    this.endedAt.clear();
    this.ledgers.clear();
    this.seenEvents.clear();
    this.eventAt.clear();
    this.events.lastAt = null;
    this.state = { ready: false, lastLiveSyncAt: null, lastCatalogSyncAt: null, lastError: null, nextLiveSyncAt: null };
    this.emitStatus();
  }

  /** Which event source is configured, and whether its events are trusted (connected and re-read since). */
  setEventMode(source: 'websocket' | 'webhook' | null, trusted: boolean): void {
    if (this.events.source === source && this.events.trusted === trusted) return;
    const was = this.events.trusted;
    this.events.source = source;
    this.events.trusted = trusted;
    if (trusted !== was) {
      this.opts.log?.(trusted ? `events: live via ${source} events; the live list is now a drift check.` : 'events: lost; polling the live list until they are back.');
    }
    this.emitStatus();
  }

  /** A meeting event from Zoom (WebSocket or webhook): applied at once, once. */
  async applyEvent(e: MeetingEvent): Promise<void> {
    const key = eventKey(e);
    if (this.seenEvents.has(key)) return;
    this.seenEvents.add(key);
    if (this.seenEvents.size > MAX_SEEN_EVENTS) this.seenEvents.delete(this.seenEvents.values().next().value!);
    const epoch = this.epoch;
    let fresh = false;
    await this.exclusive(async () => {
      if (epoch !== this.epoch) return;
      const before = this.sessions.get(e.meetingId);
      const changes = applyMeetingEvent(before, this.ledgers, e, new Date(this.now()));
      this.events.lastAt = this.now();
      if (changes.length === 0) return;
      this.eventAt.set(e.meetingId, this.now());
      if (e.kind === 'ended') this.endedAt.set(e.meetingId, this.now());
      await this.applyNow(changes);
      fresh = e.kind === 'started';
    });
    // A meeting first seen through its start: ask once for its link and passcode.
    if (fresh) await this.fillDetails(needsDetails(this.sessions, [e.meetingId]));
  }

  /** Team mode: leader polls Zoom, followers read the shared database. */
  setTeamRole(role: SyncStatus['team']): void {
    if (role === this.team) return;
    this.team = role;
    this.emitStatus();
  }

  /** The shared database's health (BufferedStore): shown until it answers again. */
  setDatabaseHealth(h: { unreachableSince: number | null; pending: number; message: string | null }): void {
    const next = h.unreachableSince == null ? null : { unreachableSince: new Date(h.unreachableSince).toISOString(), pending: h.pending, message: h.message ?? '' };
    if (JSON.stringify(next) === JSON.stringify(this.database)) return;
    this.database = next;
    this.emitStatus();
  }

  /** Another instance's changes (team mode): into memory and to listeners; the store has them already. */
  applyRemote(changes: SessionChange[]): Promise<void> {
    return this.exclusive(async () => {
      const fresh = changes.filter((c) =>
        c.type === 'remove' ? this.sessions.has(c.meetingId) : JSON.stringify(this.sessions.get(c.session.meetingId)) !== JSON.stringify(c.session),
      );
      if (fresh.length === 0) return;
      applyChanges(this.sessions, fresh);
      for (const fn of this.changeListeners) fn(fresh);
    });
  }

  /** Tells listeners the status now, e.g. once another Zoom account is connected. */
  announceStatus(): void {
    this.emitStatus();
  }

  setNextLiveSync(at: number | null): void {
    this.state.nextLiveSyncAt = at;
    this.emitStatus();
  }

  /** Catalog: every active user's scheduled and recurring meetings and personal room. */
  async refreshCatalog(): Promise<RoundResult> {
    return this.guard(async (epoch) => {
      const users = await this.opts.zoom.listActiveUsers();
      const lists = await this.medium.map(users, async (u) => {
        const meetings = await this.opts.zoom.listUserMeetings(u.id, 'scheduled');
        return meetings.map((m) => fromScheduled(m, u));
      });
      const catalog = [...lists.flat(), ...users.map(personalRoom)].filter((c): c is CatalogMeeting => c != null);
      const unique = [...new Map(catalog.map((c) => [c.meetingId, c])).values()];
      await this.commit({ catalog: unique }, epoch);
      if (epoch !== this.epoch) return;
      this.users = users;
      this.state.lastCatalogSyncAt = this.now();
      await this.fillDetails(needsDetails(this.sessions, unique.map((c) => c.meetingId)));
    });
  }

  /** Live: the Dashboard when the account permits it, else each host's `type=live` list. */
  async pollLive(): Promise<RoundResult> {
    return this.guard(async (epoch) => {
      const fetchedAt = this.now();
      const live = await this.readLive();
      const fresh = this.besideEvents(live, fetchedAt);
      if (epoch !== this.epoch) return;
      this.state.lastError = null; // before the commit: a store failure in it is the news
      await this.commit({ live: fresh }, epoch);
      if (epoch !== this.epoch) return;
      this.state.ready = true;
      this.state.lastLiveSyncAt = this.now();
      await this.fillDetails(needsDetails(this.sessions, fresh.map((l) => l.meetingId)));
    });
  }

  async syncNow(): Promise<RoundResult> {
    const catalog = await this.refreshCatalog();
    const live = await this.pollLive();
    return live.ok ? catalog : live;
  }

  /** Ends a live meeting in Zoom. Concurrent calls for one meeting share one Zoom call. */
  endMeeting(meetingId: string): Promise<Session | null> {
    const pending = this.ending.get(meetingId);
    if (pending) return pending;
    const s = this.sessions.get(meetingId);
    if (!s) return Promise.reject(new SessionError('not-found', `No session with meeting ID ${meetingId}.`));
    if (s.status !== 'live') return Promise.reject(new SessionError('not-live', `“${s.topic || meetingId}” is not live.`));
    const run = (async () => {
      try {
        await this.opts.zoom.endMeeting(meetingId);
      } catch (e) {
        if (isZoomError(e) && e.kind === 'not-found') {
          // 3001: the meeting no longer exists in Zoom; keeping it would offer a dead link.
          this.endedAt.set(meetingId, this.now());
          await this.commitChanges([{ type: 'remove', meetingId }]);
          return null;
        }
        throw e;
      }
      this.endedAt.set(meetingId, this.now());
      const current = this.sessions.get(meetingId) ?? s;
      const ended = endedSession(current, new Date(this.now()));
      await this.commitChanges([{ type: 'upsert', session: ended }]);
      return ended;
    })().finally(() => this.ending.delete(meetingId));
    this.ending.set(meetingId, run);
    return run;
  }

  /** A live list read at `fetchedAt` cannot know of what we ended or what events said since. */
  private besideEvents(live: LiveMeeting[], fetchedAt: number): LiveMeeting[] {
    const after = (m: Map<string, number>, id: string) => (m.get(id) ?? -Infinity) >= fetchedAt;
    const fresh = live
      .filter((l) => !after(this.endedAt, l.meetingId))
      .map((l) => (after(this.eventAt, l.meetingId) ? { ...l, participants: null } : l)); // keep the count events gave
    const listed = new Set(fresh.map((l) => l.meetingId));
    for (const [id, t] of this.eventAt) {
      const s = this.sessions.get(id);
      if (t >= fetchedAt && s?.status === 'live' && !listed.has(id)) fresh.push(liveFromSession(s));
      if (t < fetchedAt - 10 * 60_000) this.eventAt.delete(id); // old enough that no list in flight predates it
    }
    return fresh;
  }

  private async readLive(): Promise<LiveMeeting[]> {
    const zoom = this.opts.zoom;
    const usersByEmail = new Map((this.users ?? []).map((u) => [(u.email ?? '').toLowerCase(), u]));
    if (this.strategy === 'dashboard' || this.now() >= this.dashboardRetryAt) {
      try {
        const today = new Date(this.now());
        const from = new Date(today.getTime() - 86_400_000).toISOString().slice(0, 10);
        const rows = await zoom.listDashboardLiveMeetings(from, today.toISOString().slice(0, 10));
        if (this.strategy !== 'dashboard') this.opts.log?.('Dashboard access is back: live counts come from it again.');
        this.strategy = 'dashboard';
        this.dashboard = { refusal: null, dailyUntil: null };
        return rows.map((r) => fromDashboard(r, usersByEmail));
      } catch (e) {
        const fallback = dashboardFallback(e);
        if (!fallback) throw e;
        if (this.strategy === 'dashboard' || fallback.daily !== this.dashboard.dailyUntil) this.opts.log?.(`sync: ${fallback.text}: polling each host's live meetings instead.`);
        this.strategy = 'per-host';
        this.dashboard = { refusal: fallback.daily == null ? fallback.text : null, dailyUntil: fallback.daily };
        this.dashboardRetryAt = fallback.daily ?? this.now() + (this.opts.dashboardRetryMs ?? 15 * 60_000);
      }
    }
    this.users ??= await zoom.listActiveUsers();
    const lists = await this.medium.map(this.users, async (u) =>
      (await zoom.listUserMeetings(u.id, 'live')).map((m) => fromUserLive(m, u)),
    );
    return [...new Map(lists.flat().map((l) => [l.meetingId, l])).values()];
  }

  /** Asks Zoom once per meeting for its join link and passcode; passing failures are tried again next round. */
  private async fillDetails(ids: string[]): Promise<void> {
    const todo = ids.filter((id) => !this.detailsTried.has(id));
    if (todo.length === 0) return;
    const found = await this.light.map(todo, async (id): Promise<MeetingDetails | null> => {
      try {
        const d = detailsOf(id, await this.opts.zoom.getMeeting(id));
        this.detailsTried.add(id);
        return d;
      } catch (e) {
        if (isZoomError(e) && (e.kind === 'not-found' || e.kind === 'forbidden' || e.kind === 'bad-request')) {
          this.detailsTried.add(id);
          return detailsOf(id, null);
        }
        return null;
      }
    });
    await this.commit({ details: found.filter((d): d is MeetingDetails => d != null) }, this.epoch);
  }

  private commit(snapshot: Snapshot, epoch: number): Promise<void> {
    return this.exclusive(async () => {
      if (epoch !== this.epoch) return;
      const checked = withZoomLinksOnly(snapshot);
      for (const id of checked.refused) {
        if (this.refusedLinks.has(id)) continue;
        this.refusedLinks.add(id);
        this.opts.log?.(`sync: Zoom gave meeting ${id} a join link that is not an https Zoom link; it is not used.`);
      }
      const changes = reconcile(this.sessions.values(), checked.snapshot, new Date(this.now()), {
        fallbackPassword: this.opts.fallbackPassword ?? null,
      });
      await this.applyNow(changes);
    });
  }

  private commitChanges(changes: SessionChange[]): Promise<void> {
    return this.exclusive(() => this.applyNow(changes));
  }

  /** Memory and listeners first (what the user sees stays true), then the store. */
  private async applyNow(changes: SessionChange[]): Promise<void> {
    if (changes.length === 0) return;
    applyChanges(this.sessions, changes);
    for (const fn of this.changeListeners) fn(changes);
    try {
      await this.opts.store.apply(changes);
    } catch (e) {
      this.recordError(e);
    }
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.lock.then(fn);
    this.lock = run.catch(() => undefined);
    return run;
  }

  /** Runs a sync round; its failure becomes the status' last error, never an exception. */
  private async guard(fn: (epoch: number) => Promise<void>): Promise<RoundResult> {
    const epoch = this.epoch;
    try {
      await fn(epoch);
      return { ok: true, retryAt: null };
    } catch (e) {
      // A round for the account we just left says nothing about the new one.
      if (epoch === this.epoch) this.recordError(e);
      return { ok: false, retryAt: isZoomError(e) ? e.retryAt : null };
    } finally {
      this.emitStatus();
    }
  }

  private recordError(e: unknown): void {
    const z = e instanceof ZoomError ? e : null;
    const message = e instanceof Error ? e.message : String(e);
    this.state.lastError = { message, httpStatus: z?.httpStatus ?? null, zoomCode: z?.zoomCode ?? null, at: new Date(this.now()).toISOString() };
    this.opts.log?.(`sync: ${message}`);
  }

  private emitStatus(): void {
    const status = this.status();
    for (const fn of this.statusListeners) fn(status);
  }
}
