// Keeps the usage history: folds the engine's changes into the recorder and writes what changed once a
// flush interval (a minute), and on stop. Only the instance that reads Zoom records (in team mode the
// leader): every instance sees the same changes, and one writer keeps one record per meeting instance.
import type { SessionChange } from '../../shared/session.js';
import type { SessionStore } from '../store/session-store.js';
import { systemClock, type Clock, type TimerHandle } from '../../shared/clock.js';
import { HistoryRecorder } from './history-recorder.js';
import type { HistoryBackfill } from './history-backfill.js';
import type { SyncEngine } from './engine.js';

export const HISTORY_FLUSH_MS = 60_000;

export interface HistoryKeeperOptions {
  engine: SyncEngine;
  store: SessionStore;
  historyKeepMs: number;
  flushMs?: number;
  /** Reads the days before the app watched back from Zoom, a page at a time; absent for the demo. */
  backfill?: HistoryBackfill;
  clock?: Clock;
  log?: (line: string) => void;
}

export class HistoryKeeper {
  private readonly recorder = new HistoryRecorder();
  private timer: TimerHandle | null = null;
  private unsubscribe: (() => void) | null = null;
  private writing: Promise<void> = Promise.resolve();
  private backfillDone = false;
  private readonly clock: Clock;

  constructor(private readonly opts: HistoryKeeperOptions) {
    this.clock = opts.clock ?? systemClock;
  }

  /** Starts recording at once; the instances stored as live before a restart are read beside it (reading
   * the history file can take a moment on a large account: the service's first answer does not wait). */
  start(): void {
    const { engine } = this.opts;
    const offChanges = engine.onChanges((changes: SessionChange[]) => {
      if (!engine.board.follower) this.recorder.observe(changes, this.clock.now());
    });
    const offEnds = engine.onEnded((meetingId, by) => this.recorder.endedThrough(meetingId, by));
    this.unsubscribe = () => {
      offChanges();
      offEnds();
    };
    this.writing = this.resume();
    this.timer = this.clock.setInterval(() => void this.flush().then(() => this.backfillStep()), this.opts.flushMs ?? HISTORY_FLUSH_MS);
  }

  /** The instances live across a restart go on as one record each; what is live now is recorded from here. */
  private async resume(): Promise<void> {
    const { engine, store } = this.opts;
    const now = this.clock.now();
    try {
      const open = await store.instances({ from: new Date(now - this.opts.historyKeepMs).toISOString(), to: new Date(now).toISOString() });
      this.recorder.resume(open, (id) => engine.get(id), this.clock.now());
    } catch (e) {
      this.opts.log?.(`history: the instances live before the restart could not be read (${(e as Error).message}); they start again.`);
    }
    this.recorder.observe(engine.list().filter((s) => s.status === 'live').map((session) => ({ type: 'upsert' as const, session })), this.clock.now());
  }

  /** One page of the backfill when the budget allows; done once every day is read. */
  private async backfillStep(): Promise<void> {
    if (!this.opts.backfill || this.backfillDone) return;
    try {
      this.backfillDone = (await this.opts.backfill.step()) === 'done';
    } catch (e) {
      this.opts.engine.board.recordError(e);
    }
  }

  /** Writes what changed; a store that fails keeps it for the next flush (and says so in the status). */
  flush(): Promise<void> {
    this.writing = this.writing.then(async () => {
      const records = this.recorder.take(this.clock.now());
      if (records.length === 0) return;
      try {
        await this.opts.store.saveInstances(records);
      } catch (e) {
        this.recorder.giveBack(records);
        this.opts.engine.board.recordError(e);
      }
    });
    return this.writing;
  }

  async stop(): Promise<void> {
    this.clock.clearInterval(this.timer);
    this.timer = null;
    this.unsubscribe?.();
    this.unsubscribe = null;
    await this.flush();
  }
}
