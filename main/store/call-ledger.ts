// Where the Zoom calls of the last minute are kept between runs (the call budget, zoom/call-budget.ts, reads
// it at start and writes it after calls): a small file in the data dir per machine, or a document in the
// team's database, so that a restart — or a new team leader — counts the minute the last one began.
// Entries are epoch ms by category; whoever saves merges with what is there (the doctor is another process).
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FILE_MODE } from './data-dir.js';
import { unionOf } from '../../shared/call-times.js';

export const CALL_LEDGER_FILE = 'zoom-calls.json';

/** Calls by rate category, as epoch ms. */
export type CallTimes = Record<string, number[]>;

export interface CallLedgerStore {
  load(): Promise<CallTimes>;
  save(log: CallTimes): Promise<void>;
}

/** Only arrays of finite numbers under each category: anything else in the file is left out. Pure. */
export function callTimesOf(v: unknown): CallTimes {
  const out: CallTimes = {};
  if (!v || typeof v !== 'object' || Array.isArray(v)) return out;
  for (const [k, times] of Object.entries(v as Record<string, unknown>)) {
    if (Array.isArray(times)) out[k] = times.filter((t): t is number => typeof t === 'number' && Number.isFinite(t)).slice(-1_000);
  }
  return out;
}

/** What a save leaves in the ledger: the stored record and ours as one (calls are told apart only by their
 * time, and both may hold the same ones: each time counts as often as the record that has it most often),
 * less what is over two minutes old at `now` (the longest window is a minute; two, for clocks). Pure. */
export function savedTimes(stored: CallTimes, ours: CallTimes, now: number): CallTimes {
  const out: CallTimes = {};
  for (const k of new Set([...Object.keys(stored), ...Object.keys(ours)])) out[k] = unionOf(stored[k] ?? [], ours[k] ?? []).filter((t) => t >= now - 120_000);
  return out;
}

/** The data dir's file, one entry per Zoom account. Written without fsync: it is a courtesy to Zoom's limits,
 * and a crash loses at most the last few calls' record, never anything a person made. */
const writing = new Map<string, Promise<void>>();
let writes = 0;

export class FileCallLedger implements CallLedgerStore {
  private readonly file: string;

  constructor(dataDir: string, private readonly account: string) {
    this.file = path.join(dataDir, CALL_LEDGER_FILE);
  }

  async load(): Promise<CallTimes> {
    return callTimesOf((await this.all())[this.account]);
  }

  /** One write at a time per file in this process (the budgets of two accounts share it). */
  save(log: CallTimes): Promise<void> {
    const turn = (writing.get(this.file) ?? Promise.resolve()).then(() => this.write(log));
    writing.set(this.file, turn.catch(() => undefined));
    return turn;
  }

  private async write(log: CallTimes): Promise<void> {
    const all = await this.all();
    all[this.account] = savedTimes(callTimesOf(all[this.account]), log, Date.now());
    // Another process may write too: each writes its own temp file, and the rename is atomic.
    const tmp = `${this.file}.${process.pid}-${++writes}.tmp`;
    await writeFile(tmp, JSON.stringify(all), { mode: FILE_MODE });
    await rename(tmp, this.file);
  }

  private async all(): Promise<Record<string, unknown>> {
    try {
      const v: unknown = JSON.parse(await readFile(this.file, 'utf8'));
      return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
    } catch (e) {
      // Missing, or damaged (a half-written file from an old version): the record starts again.
      if ((e as NodeJS.ErrnoException).code === 'ENOENT' || e instanceof SyntaxError) return {};
      throw e;
    }
  }
}
