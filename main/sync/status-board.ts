// What the status line says: how fresh the view is, what went wrong last, where events come from, and
// what limits the view. The engine and its parts write here; the API, tray and SSE listen.
import type { RateLimitState, Session, SyncError, SyncStatus, SyncStrategy } from '../../shared/session.js';
import { ZoomError } from '../zoom/errors.js';
import type { DashboardState } from './live-reader.js';
import { END_NOT_TAKEN } from './meeting-ender.js';

/** What the board reads from the engine at each status. */
export interface EngineView {
  configured: boolean;
  strategy: SyncStrategy;
  liveIntervalMs: number;
  rateLimits: RateLimitState[];
  dashboard: DashboardState;
}

type StatusListener = (status: SyncStatus) => void;
type EventSource = 'websocket' | 'webhook' | null;

const iso = (t: number | null) => (t == null ? null : new Date(t).toISOString());

/** What limits the view now, in words for the status line. Pure. */
export interface Progress {
  done: number;
  total: number;
}

/** "12,400": thousands grouped by hand, as en-US does (toLocaleString pages in ~6 MB of ICU's data). */
const count = (n: number) => String(n).replace(/\B(?=(\d{3})+$)/g, ',');

export function statusNotes(s: {
  eventProblem: string | null;
  dashboard: DashboardState;
  strategy: SyncStrategy;
  eventsTrusted: boolean;
  now: number;
  catalog?: Progress | null;
  details?: Progress | null;
  history?: Progress | null;
  /** How a team member hears the others' changes, when not by a change stream. */
  teamNote?: string | null;
  /** Ends Zoom accepted whose meeting a later read still found live. */
  endNotes?: readonly string[];
}): string[] {
  const notes: string[] = [...(s.endNotes ?? [])];
  if (s.teamNote) notes.push(s.teamNote);
  if (s.catalog) notes.push(`catalog: ${count(s.catalog.done)} of ${count(s.catalog.total)} hosts read`);
  if (s.details) notes.push(`passcodes: ${count(s.details.done)} of ${count(s.details.total)} meetings read`);
  if (s.history) notes.push(`history: ${count(s.history.done)} of ${count(s.history.total)} days read`);
  if (s.eventProblem) notes.push(`events: ${s.eventProblem}`);
  // Per-host lists never include instant meetings: only the Dashboard or events show them.
  if (s.dashboard.dailyUntil != null && s.dashboard.dailyUntil > s.now) {
    notes.push(`Zoom's daily limit for the Dashboard is spent until ${new Date(s.dashboard.dailyUntil).toISOString().slice(11, 16)} UTC`);
  } else if (s.dashboard.refusal && s.strategy === 'per-host') notes.push(s.dashboard.refusal);
  if (s.strategy === 'per-host' && !s.eventsTrusted) notes.push('instant meetings show only with Zoom events');
  return notes;
}

export class StatusBoard {
  private readonly listeners = new Set<StatusListener>();
  /** The last live round failed. */
  private liveFailing = false;
  private rounds = { ready: false, lastLiveSyncAt: null as number | null, lastCatalogSyncAt: null as number | null, nextLiveSyncAt: null as number | null };
  private lastError: SyncError | null = null;
  private events = { source: null as EventSource, trusted: false, lastAt: null as number | null, problem: null as string | null };
  private database: SyncStatus['database'] = null;
  private team: SyncStatus['team'] = null;
  /** Team mode: how the others' changes are heard, when not by a change stream. */
  private teamNote: string | null = null;
  /** By meeting id: an End Zoom accepted, and the meeting still live after it. */
  private readonly endNotes = new Map<string, string>();
  /** A catalog round, and the passcodes after it, while they are being read. */
  private progress = { catalog: null as Progress | null, details: null as Progress | null, history: null as Progress | null };

  constructor(
    private readonly view: () => EngineView,
    private readonly now: () => number,
    private readonly log: (line: string) => void,
  ) {}

  /** Team mode: this instance follows another that reads Zoom (read on hot paths: no status is built). */
  get follower(): boolean {
    return this.team === 'follower';
  }

  get eventsTrusted(): boolean {
    return this.events.trusted;
  }

  status(): SyncStatus {
    const v = this.view();
    return {
      configured: v.configured,
      ready: this.rounds.ready,
      strategy: v.strategy,
      liveIntervalMs: v.liveIntervalMs,
      lastLiveSyncAt: iso(this.rounds.lastLiveSyncAt),
      lastCatalogSyncAt: iso(this.rounds.lastCatalogSyncAt),
      lastError: this.lastError,
      nextLiveSyncAt: iso(this.rounds.nextLiveSyncAt),
      rateLimits: v.rateLimits,
      liveVia: this.events.trusted ? 'events' : 'polling',
      eventSource: this.events.source,
      lastEventAt: iso(this.events.lastAt),
      notes: statusNotes({ eventProblem: this.events.problem, dashboard: v.dashboard, strategy: v.strategy, eventsTrusted: this.events.trusted, now: this.now(), ...this.progress, teamNote: this.teamNote, endNotes: [...this.endNotes.values()] }),
      database: this.database,
      team: this.team,
    };
  }

  onStatus(fn: StatusListener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Tells listeners the status now, e.g. once another Zoom account is connected. */
  announce(): void {
    const status = this.status();
    for (const fn of this.listeners) fn(status);
  }

  liveRead(): void {
    this.rounds.ready = true;
    this.rounds.lastLiveSyncAt = this.now();
  }

  /** A live round's outcome, passed on. */
  liveRoundDone<R extends { ok: boolean }>(result: R): R {
    this.liveFailing = !result.ok;
    return result;
  }

  /** The live list has been read and its last round did not fail: what can wait (the history's backfill) may
   * take a call; a failing live list needs every call of the minute. */
  liveCurrent(): boolean {
    return this.rounds.lastLiveSyncAt != null && !this.liveFailing;
  }

  /** How far a catalog round (hosts) or the passcodes after it (meetings) have come; null when done. */
  setProgress(what: 'catalog' | 'details' | 'history', p: Progress | null): void {
    this.progress[what] = p;
    this.announce();
  }

  catalogRead(): void {
    this.rounds.lastCatalogSyncAt = this.now();
  }

  setNextLiveSync(at: number | null): void {
    this.rounds.nextLiveSyncAt = at;
    this.announce();
  }

  clearError(): void {
    this.lastError = null;
  }

  recordError(e: unknown): void {
    const z = e instanceof ZoomError ? e : null;
    const message = e instanceof Error ? e.message : String(e);
    this.lastError = { message, httpStatus: z?.httpStatus ?? null, zoomCode: z?.zoomCode ?? null, at: new Date(this.now()).toISOString() };
    this.log(`sync: ${message}`);
  }

  eventArrived(): void {
    this.events.lastAt = this.now();
  }

  /** Which event source is configured, and whether its events are trusted (connected and re-read since). */
  setEventMode(source: EventSource, trusted: boolean): void {
    if (this.events.source === source && this.events.trusted === trusted) return;
    const was = this.events.trusted;
    this.events.source = source;
    this.events.trusted = trusted;
    if (trusted !== was) {
      this.log(trusted ? `events: live via ${source} events; the live list is now a drift check.` : 'events: lost; polling the live list until they are back.');
    }
    this.announce();
  }

  /** Why the event source is not delivering, in words (null: it is fine or not configured). */
  setEventProblem(text: string | null): void {
    if (this.events.problem === text) return;
    this.events.problem = text;
    if (text) this.log(`events: ${text}.`);
    this.announce();
  }

  /** After a live read: the meetings whose End Zoom accepted and that it still found live are said; the notes
   * of meetings no longer live go. */
  endsChecked(notTaken: readonly string[], session: (meetingId: string) => Session | null): void {
    for (const id of notTaken) this.endNotes.set(id, `“${session(id)?.topic || id}”: ${END_NOT_TAKEN} End it again, or in Zoom.`);
    let changed = notTaken.length > 0;
    for (const id of [...this.endNotes.keys()]) if (session(id)?.status !== 'live') changed = this.endNotes.delete(id) || changed;
    if (changed) this.announce();
  }

  /** Team mode: how this member hears the others' changes, when not as they happen (null: it does). */
  setTeamNote(text: string | null): void {
    if (text === this.teamNote) return;
    this.teamNote = text;
    this.announce();
  }

  /** Team mode: leader polls Zoom, followers read the shared database. */
  setTeamRole(role: SyncStatus['team']): void {
    if (role === this.team) return;
    this.team = role;
    this.announce();
  }

  /** The shared database's health (BufferedStore): shown until it answers again. */
  setDatabaseHealth(h: { unreachableSince: number | null; pending: number; message: string | null }): void {
    const next = h.unreachableSince == null ? null : { unreachableSince: new Date(h.unreachableSince).toISOString(), pending: h.pending, message: h.message ?? '' };
    if (JSON.stringify(next) === JSON.stringify(this.database)) return;
    this.database = next;
    this.announce();
  }

  /** Another account: what was read of the old one is forgotten (the event source stays configured). */
  reset(): void {
    this.rounds = { ready: false, lastLiveSyncAt: null, lastCatalogSyncAt: null, nextLiveSyncAt: null };
    this.liveFailing = false;
    this.progress = { catalog: null, details: null, history: null };
    this.lastError = null;
    this.events.lastAt = null;
    this.endNotes.clear();
    this.announce();
  }
}
