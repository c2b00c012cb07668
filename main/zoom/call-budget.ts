// The one gate every call to Zoom passes, per account and rate category: no window of a category (a second
// for Light, Medium and Heavy; a minute for Resource-intensive) ever holds more than a quarter of Zoom's
// published limit for the plan. Whoever calls — live rounds, catalog, details, who-is-in, the history's
// backfill, Check setup, the doctor — waits here for a slot; the background leaves one Resource-intensive
// call a minute to a person. Two kinds of call never wait: End, and a Join's passcode read a person is
// waiting for (`exempt`); they are counted like every other, so the background waits for them instead.
// The Resource-intensive calls of the last minute are kept in a ledger (the data dir, or the team's
// database), so a restart or a new team leader does not start a fresh minute on top of the last one.
import { systemClock, type Clock, type TimerHandle } from '../../shared/clock.js';
import { BUDGET_SHARE, ZOOM_LIMITS, type RateCategory, type ZoomPlan } from './rate-limits.js';
import { unionOf } from '../../shared/call-times.js';

/** Who is waiting: the background (rounds, backfill), a person (who-is-in, Check setup, the doctor), or a
 * call that must not wait (End, a Join's passcode). */
export type CallPriority = 'background' | 'person' | 'exempt';

export interface BudgetWindow {
  ms: number;
  /** Calls allowed in any window of `ms`: a quarter of Zoom's limit. */
  limit: number;
  /** Of those, the ones the background leaves for people. */
  reserve: number;
}

export const CATEGORIES: readonly RateCategory[] = ['light', 'medium', 'heavy', 'resource-intensive'];

/** Zoom counts a call when it arrives, we when it leaves: a minute's window held a second longer makes up for
 * the way between (the soak once saw six Dashboard calls arrive within 59 998 ms, five by our clock). */
export const ARRIVAL_MARGIN_MS = 1_000;

/** The windows for a plan. Pure, table-tested. */
export function budgetWindows(plan: ZoomPlan): Record<RateCategory, BudgetWindow> {
  const l = ZOOM_LIMITS[plan];
  const perSecond = (n: number): BudgetWindow => ({ ms: 1_000, limit: Math.max(1, Math.floor(n * BUDGET_SHARE)), reserve: 0 });
  const perMinute = Math.max(1, Math.floor(l.resourceIntensivePerMin * BUDGET_SHARE));
  return {
    light: perSecond(l.lightPerSec),
    medium: perSecond(l.mediumPerSec),
    heavy: perSecond(l.heavyPerSec),
    'resource-intensive': { ms: 60_000 + ARRIVAL_MARGIN_MS, limit: perMinute, reserve: perMinute > 1 ? 1 : 0 },
  };
}

/** The calls of the last window of each category, as epoch ms. */
export type CallLog = Partial<Record<RateCategory, number[]>>;

/** Where the calls are kept between runs. `save` merges with what is there (another process — the doctor,
 * an earlier leader — may have added its own). */
export interface CallLedger {
  load(): Promise<CallLog>;
  save(log: CallLog): Promise<void>;
}

/** Two logs as one, within each category's window before `now` (a call from a clock ahead of ours, within a
 * window after it). Calls are told apart by their time only, and both logs may hold the same ones: a time
 * counts as often as the log that has it most often. Pure. */
export function mergedLog(a: CallLog, b: CallLog, now: number, windows: Record<RateCategory, BudgetWindow>): CallLog {
  const out: CallLog = {};
  for (const c of CATEGORIES) {
    const times = unionOf(a[c] ?? [], b[c] ?? []).filter((t) => Number.isFinite(t) && now - t < windows[c].ms && t <= now + windows[c].ms);
    if (times.length) out[c] = times;
  }
  return out;
}

/** Windows this long or longer are written to the ledger (the Resource-intensive minute). */
const KEPT_WINDOW_MS = 60_000;

/** The categories of a log the ledger keeps. Pure. */
function kept(log: CallLog, windows: Record<RateCategory, BudgetWindow>): CallLog {
  return Object.fromEntries(Object.entries(log).filter(([c]) => windows[c as RateCategory].ms >= KEPT_WINDOW_MS));
}

interface Waiter {
  priority: CallPriority;
  go: () => void;
  fail: (e: Error) => void;
}

/** A call that waited for a slot and was then called off: the background stopped (this instance no longer
 * reads Zoom, or the service is stopping). It was never sent. */
export class CallCancelled extends Error {
  constructor(why: string) {
    super(why);
    this.name = 'CallCancelled';
  }
}

export interface CallBudgetOptions {
  plan: ZoomPlan;
  clock?: Clock;
  ledger?: CallLedger | null;
  log?: (line: string) => void;
}

export class CallBudget {
  readonly windows: Record<RateCategory, BudgetWindow>;
  private calls: CallLog = {};
  private readonly queues = new Map<RateCategory, Waiter[]>();
  private readonly timers = new Map<RateCategory, TimerHandle>();
  private readonly clock: Clock;
  private readonly ready: Promise<void>;
  private saving: Promise<void> | null = null;
  private dirty = false;
  private closed = false;

  constructor(private readonly opts: CallBudgetOptions) {
    this.windows = budgetWindows(opts.plan);
    this.clock = opts.clock ?? systemClock;
    this.ready = this.restore();
  }

  /** Resolves when a call of this category may be sent now; it is counted as sent. */
  async take(category: RateCategory, priority: CallPriority = 'background'): Promise<void> {
    await this.ready;
    if (priority === 'exempt') return this.record(category);
    if (this.closed) throw new CallCancelled('Zoom calls have stopped: the service is stopping.');
    await new Promise<void>((go, fail) => {
      const queue = this.queues.get(category) ?? [];
      // People go ahead of the background, in the order they came.
      const at = priority === 'person' ? queue.findIndex((w) => w.priority === 'background') : -1;
      queue.splice(at < 0 ? queue.length : at, 0, { priority, go, fail });
      this.queues.set(category, queue);
      this.pump(category);
    });
  }

  /** How long a call of this priority would wait now, ahead of every queued one (0: it may go). */
  waitMs(category: RateCategory, priority: CallPriority): number {
    if (priority === 'exempt') return 0;
    const w = this.windows[category];
    const allowed = priority === 'person' ? w.limit : w.limit - w.reserve;
    const recent = this.recent(category);
    if (recent.length < allowed) return 0;
    // The oldest call that must leave the window before one more fits.
    return recent[recent.length - allowed]! + w.ms - this.clock.now();
  }

  /** The calls of the current window of a category (pruned as it is read). */
  recent(category: RateCategory): number[] {
    const now = this.clock.now();
    const w = this.windows[category].ms;
    const kept = (this.calls[category] ?? []).filter((t) => now - t < w);
    this.calls[category] = kept;
    return kept;
  }

  /** The background's calls still waiting for a slot are not sent: the rounds that wanted them have stopped
   * (another instance reads Zoom now, or another account is in use). People's calls wait on. */
  dropBackground(why: string): void {
    for (const [category, queue] of this.queues) {
      const kept = queue.filter((w) => w.priority !== 'background');
      for (const w of queue) if (w.priority === 'background') w.fail(new CallCancelled(why));
      this.queues.set(category, kept);
    }
  }

  /** Nothing more is sent: every waiting call is called off, and later ones are refused. */
  close(): void {
    this.closed = true;
    for (const [category, queue] of this.queues) {
      for (const w of queue) w.fail(new CallCancelled('Zoom calls have stopped: the service is stopping.'));
      this.queues.set(category, []);
      this.clock.clearTimeout(this.timers.get(category));
    }
    this.timers.clear();
  }

  /** The ledger is written from here on by whoever runs next: the last writes go now. */
  async flush(): Promise<void> {
    await this.ready;
    while (this.saving) await this.saving;
  }

  private pump(category: RateCategory): void {
    const queue = this.queues.get(category) ?? [];
    while (queue.length > 0) {
      const wait = this.waitMs(category, queue[0]!.priority);
      if (wait > 0) {
        if (!this.timers.has(category)) {
          const t = this.clock.setTimeout(() => {
            this.timers.delete(category);
            this.pump(category);
          }, wait);
          (t as { unref?: () => void }).unref?.();
          this.timers.set(category, t);
        }
        return;
      }
      const next = queue.shift()!;
      this.record(category);
      next.go();
    }
  }

  private record(category: RateCategory): void {
    this.recent(category).push(this.clock.now());
    // Only a minute outlives a restart; a second's window is over before the next run could call.
    if (this.windows[category].ms >= KEPT_WINDOW_MS) this.persist();
  }

  private async restore(): Promise<void> {
    if (!this.opts.ledger) return;
    try {
      this.calls = mergedLog(this.calls, await this.opts.ledger.load(), this.clock.now(), this.windows);
    } catch (e) {
      this.opts.log?.(`zoom: the record of recent Zoom calls could not be read (${(e as Error).message}); counting from now.`);
    }
  }

  /** One write at a time; calls made during a write go in the next one. */
  private persist(): void {
    const ledger = this.opts.ledger;
    if (!ledger) return;
    if (this.saving) {
      this.dirty = true;
      return;
    }
    this.saving = ledger
      .save(kept(mergedLog(this.calls, {}, this.clock.now(), this.windows), this.windows))
      .catch((e: unknown) => this.opts.log?.(`zoom: the record of recent Zoom calls could not be written (${(e as Error).message}).`))
      .finally(() => {
        this.saving = null;
        if (this.dirty) {
          this.dirty = false;
          this.persist();
        }
      });
  }
}

/** One budget per Zoom account (its limits are the account's), made on first use. */
export class CallBudgets {
  private readonly byAccount = new Map<string, CallBudget>();

  constructor(private readonly opts: { plan: ZoomPlan; clock?: Clock; ledger?: (account: string) => CallLedger | null; log?: (line: string) => void }) {}

  for(account: string): CallBudget {
    let b = this.byAccount.get(account);
    if (!b) {
      b = new CallBudget({ plan: this.opts.plan, clock: this.opts.clock, ledger: this.opts.ledger?.(account) ?? null, log: this.opts.log });
      this.byAccount.set(account, b);
    }
    return b;
  }

  /** At stop: no call waiting is sent, and the ledgers' last writes are waited for. */
  async close(): Promise<void> {
    for (const b of this.byAccount.values()) b.close();
    await Promise.all([...this.byAccount.values()].map((b) => b.flush()));
  }
}
