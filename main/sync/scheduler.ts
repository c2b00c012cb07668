// Timers around the engine: the catalog every 10 minutes, the live list every live interval,
// longer after failures, never before Zoom's Retry-After.
import { backoffCeiling } from '../../shared/backoff.js';
import type { RoundResult, SyncEngine } from './engine.js';
import { systemClock, type Clock, type TimerHandle } from '../../shared/clock.js';
import { INSIGHT_TICK_MS } from './room-insight.js';
import type { CallPriority } from '../zoom/call-budget.js';

export interface SchedulerOptions {
  catalogIntervalMs?: number;
  /** How often attention and free-until are looked at again (time alone changes them). */
  insightTickMs?: number;
  clock?: Clock;
}

const MAX_BACKOFF_MS = 5 * 60_000;
/** The live list backs off to a minute at most: the call budget already keeps its calls within Zoom's limits,
 * and a view that waited 5 minutes after an outage is not "now" (the soak found 4 minutes stale once faults
 * stopped). The catalog keeps the longer backoff. */
export const LIVE_MAX_BACKOFF_MS = 60_000;

/** The delay to the next round: pure, table-tested. */
export function nextDelay(intervalMs: number, failures: number, retryAt: number | null, now: number, maxMs = MAX_BACKOFF_MS): number {
  const base = failures === 0 ? intervalMs : backoffCeiling(failures - 1, { baseMs: intervalMs, maxMs: Math.max(intervalMs, maxMs) });
  const waitForZoom = retryAt != null ? retryAt - now : 0;
  return Math.max(base, waitForZoom, 0);
}

export class SyncScheduler {
  private liveTimer: TimerHandle | null = null;
  private catalogTimer: TimerHandle | null = null;
  private insightTimer: TimerHandle | null = null;
  private liveFailures = 0;
  private catalogFailures = 0;
  private stopped = true;
  private lastLiveStart = -Infinity;
  /** When the next live round is due, as its timer was set. */
  private liveDueAt = -Infinity;
  /** A budgeted round waiting for its slot: later askers share it. */
  private pending: Promise<RoundResult> | null = null;
  /** The live round under way, and the one to follow it for askers who need a read begun after they asked. */
  private running: Promise<RoundResult> | null = null;
  private followUp: Promise<RoundResult> | null = null;
  private answerPending: ((round: RoundResult) => void) | null = null;
  private readonly now: () => number;
  private readonly clock: Clock;

  constructor(
    private readonly engine: SyncEngine,
    private readonly opts: SchedulerOptions = {},
  ) {
    this.clock = opts.clock ?? systemClock;
    this.now = () => this.clock.now();
  }

  /** Live first (what is live now does not wait for a large account's catalog), the catalog beside it,
   * then each on its timer. */
  async start(): Promise<void> {
    this.stopped = false;
    // Time alone changes attention and free-until; then the policy ends what was warned about and left.
    this.insightTimer ??= this.clock.setInterval(() => {
      this.engine.reviewInsight().then(() => this.engine.autoEnd()).catch((e: unknown) => this.engine.board.recordError(e));
    }, this.opts.insightTickMs ?? INSIGHT_TICK_MS);
    const catalog = this.runCatalog();
    await this.runLive();
    await catalog;
  }

  stop(): void {
    this.stopped = true;
    // A round under way is called off (stopCalls): the next start, perhaps for another account, does not wait for it.
    this.running = this.followUp = null;
    if (this.liveTimer) this.clock.clearTimeout(this.liveTimer);
    if (this.catalogTimer) this.clock.clearTimeout(this.catalogTimer);
    this.clock.clearInterval(this.insightTimer);
    this.liveTimer = this.catalogTimer = this.insightTimer = null;
    this.engine.stopCalls();
    this.engine.board.setNextLiveSync(null);
  }

  /** "Refresh now": both lists at once, then the timers start over. A person asked: the live read does not
   * wait for the call budget (it counts in it, so the background waits instead). */
  async refreshNow(): Promise<RoundResult> {
    await this.runCatalog();
    return this.runLive('exempt');
  }

  /** The live list now (events were lost or cannot be trusted), then its timer starts over. */
  pollNow(): Promise<RoundResult> {
    return this.runLive('background', true);
  }

  /** A live read asked for by events (a link came up or went down): now if the live interval has passed
   * since the last round, else at that slot. However often a link flaps, live reads keep their budget. */
  pollWithinBudget(): Promise<RoundResult> {
    // After failures the backoff (and Zoom's Retry-After) decides, as for every round.
    const at = Math.max(this.lastLiveStart + this.engine.liveIntervalMs(), this.liveFailures > 0 ? this.liveDueAt : -Infinity);
    const wait = at - this.now();
    if (wait <= 0 || this.stopped) return this.runLive('background', true);
    this.pending ??= new Promise<RoundResult>((resolve) => {
      this.answerPending = resolve; // whichever round runs first answers it
      if (this.liveTimer) this.clock.clearTimeout(this.liveTimer);
      this.liveTimer = this.clock.setTimeout(() => void this.runLive(), wait);
      this.liveDueAt = at;
      this.engine.board.setNextLiveSync(this.now() + wait);
    });
    return this.pending;
  }

  /** One live round at a time: two at once would each spend a Dashboard call of the minute's few. While one is
   * under way, a timer's round is that one; an asker who needs a read begun after now (`fresh`: a link just
   * came up, and Zoom never redelivers) gets one more after it, shared by all such askers. A person's round
   * (`exempt`) goes at once. */
  private runLive(priority: CallPriority = 'background', fresh = false): Promise<RoundResult> {
    if (!this.running || priority === 'exempt') {
      const round = this.liveRound(priority).finally(() => {
        if (this.running === round) this.running = null;
      });
      this.running = round;
      return round;
    }
    if (!fresh) return this.running;
    this.followUp ??= this.running.then(() => {
      this.followUp = null;
      return this.runLive(priority, true);
    });
    return this.followUp;
  }

  private async liveRound(priority: CallPriority): Promise<RoundResult> {
    if (this.liveTimer) this.clock.clearTimeout(this.liveTimer);
    const answer = this.answerPending;
    this.pending = null;
    this.answerPending = null;
    const started = this.now();
    this.lastLiveStart = started;
    const result = await this.engine.pollLive(priority);
    this.liveFailures = result.ok ? 0 : this.liveFailures + 1;
    if (!this.stopped) {
      // The interval runs from the start of a round: a long per-host round is not followed by a full wait.
      const delay = Math.max(0, nextDelay(this.engine.liveIntervalMs(), this.liveFailures, result.retryAt, started, LIVE_MAX_BACKOFF_MS) - (this.now() - started));
      if (this.liveTimer) this.clock.clearTimeout(this.liveTimer);
      this.liveTimer = this.clock.setTimeout(() => void this.runLive(), delay);
      this.liveDueAt = this.now() + delay;
      this.engine.board.setNextLiveSync(this.now() + delay);
    }
    answer?.(result);
    return result;
  }

  private async runCatalog(): Promise<RoundResult> {
    if (this.catalogTimer) this.clock.clearTimeout(this.catalogTimer);
    const result = await this.engine.refreshCatalog();
    this.catalogFailures = result.ok ? 0 : this.catalogFailures + 1;
    if (!this.stopped) {
      const interval = this.opts.catalogIntervalMs ?? 10 * 60_000;
      // A failed catalog is retried within a minute, not ten.
      const delay = result.ok ? interval : nextDelay(60_000, this.catalogFailures, result.retryAt, this.now());
      if (this.catalogTimer) this.clock.clearTimeout(this.catalogTimer);
      this.catalogTimer = this.clock.setTimeout(() => void this.runCatalog(), delay);
    }
    return result;
  }
}
