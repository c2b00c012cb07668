// The usage history in the data dir: one JSON line per instance written (an instance is written again as
// its peak grows and when it ends; the last line for a key wins). It is read only when someone asks for
// usage, so it is never held in memory; it is rewritten without superseded and expired lines once it has
// grown to twice its last compacted size (and 1 MB).
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { UsageInstance } from '../../shared/api-schema.js';
import { FILE_MODE } from './data-dir.js';
import { instanceKey, overlaps } from './session-store.js';
import { storedInstance } from './stored-format.js';
import { replaceFile, writeLines } from './file-pieces.js';
import { byIso } from '../../shared/clock.js';

export const HISTORY_FILE = 'history.ndjson';
const SLACK_BYTES = 1024 * 1024;

export class HistoryFile {
  private fh: fs.FileHandle | null = null;
  private bytes = 0;
  private compactedBytes = 0;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dir: string,
    private readonly keepMs: number,
    private readonly now: () => number,
  ) {}

  private get file(): string {
    return path.join(this.dir, HISTORY_FILE);
  }

  async open(): Promise<void> {
    this.fh = await fs.open(this.file, 'a+', FILE_MODE);
    this.bytes = this.compactedBytes = (await this.fh.stat()).size;
    // A torn last line (a kill mid-write) must not glue itself to the next one written.
    if (this.bytes > 0) {
      const last = Buffer.alloc(1);
      await this.fh.read(last, 0, 1, this.bytes - 1);
      if (last[0] !== 0x0a) {
        await this.fh.appendFile('\n');
        this.bytes += 1;
      }
    }
  }

  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
    await this.fh?.close().catch(() => undefined);
    this.fh = null;
  }

  save(instances: readonly UsageInstance[]): Promise<void> {
    if (instances.length === 0) return Promise.resolve();
    return this.serial(async () => {
      if (!this.fh) throw new Error('the history file is not open');
      const text = instances.map((i) => JSON.stringify(i) + '\n').join('');
      await this.fh.appendFile(text);
      await this.fh.datasync();
      this.bytes += Buffer.byteLength(text);
      if (this.bytes > 2 * this.compactedBytes + SLACK_BYTES) await this.compact();
    });
  }

  /** The instances overlapping [from, to), oldest start first. */
  async instances(from: string, to: string): Promise<UsageInstance[]> {
    await this.queue.catch(() => undefined);
    return [...(await this.current()).values()].filter((i) => overlaps(i, from, to)).sort((a, b) => byIso(a.startedAt, b.startedAt));
  }

  /** Every instance by key, the last line winning; expired ones and lines that are not instances left out. */
  private async current(): Promise<Map<string, UsageInstance>> {
    const all = new Map<string, UsageInstance>();
    const expired = new Date(this.now() - this.keepMs).toISOString();
    const lines = readline.createInterface({ input: createReadStream(this.file, { encoding: 'utf8' }), crlfDelay: Infinity });
    for await (const line of lines) {
      const i = line ? parse(line) : null;
      if (i) all.set(instanceKey(i), i);
    }
    for (const [k, i] of all) if (i.endedAt != null && i.endedAt < expired) all.delete(k);
    return all;
  }

  private async compact(): Promise<void> {
    const kept = await this.current();
    await replaceFile(this.file, (fh) => writeLines(fh, kept.values()));
    await this.fh?.close();
    this.fh = await fs.open(this.file, 'a', FILE_MODE);
    this.bytes = this.compactedBytes = (await this.fh.stat()).size;
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function parse(line: string): UsageInstance | null {
  try {
    return storedInstance(JSON.parse(line));
  } catch {
    return null; // a torn last line (a kill mid-write) or a hand edit
  }
}
