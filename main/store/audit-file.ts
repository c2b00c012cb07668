// The End audit in the data dir: one JSON line per End, appended and synced before add() returns. On open,
// lines older than AUDIT_KEEP_MS and a torn last line are dropped by rewriting the file whole (temp file,
// sync, rename); lines that are not entries are dropped too, after a copy of the file is kept aside.
// Entries are small and few (an End is a person's act, or the policy's), so the kept ones are also held in
// memory, oldest first.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { AuditEntry } from '../../shared/api-schema.js';
import { FILE_MODE } from './data-dir.js';
import { AUDIT_KEEP_MS } from './session-store.js';
import { storedAudit } from './stored-format.js';
import { readIfExists, replaceFile, writeLines } from './file-pieces.js';

export const AUDIT_FILE = 'audit.ndjson';

/** Newest first: `limit` entries older than `before`, from a list kept oldest first. Pure. */
export function auditPage(oldestFirst: readonly AuditEntry[], query: { limit: number; before?: string | null }, keptAfter: number): AuditEntry[] {
  const before = query.before ? Date.parse(query.before) : Infinity;
  const out: AuditEntry[] = [];
  for (let i = oldestFirst.length - 1; i >= 0 && out.length < query.limit; i--) {
    const at = Date.parse(oldestFirst[i]!.at);
    if (at <= keptAfter) break;
    if (at < before) out.push(oldestFirst[i]!);
  }
  return out;
}

export class AuditFile {
  private entries: AuditEntry[] = [];
  private fh: fs.FileHandle | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dir: string,
    private readonly now: () => number,
  ) {}

  /** Resolves to the name of a copy kept aside when lines that are not entries were found (nothing is lost). */
  async open(): Promise<string | null> {
    const file = path.join(this.dir, AUDIT_FILE);
    const text = (await readIfExists(file)) ?? '';
    const lines = text.split('\n');
    const keptAfter = this.now() - AUDIT_KEEP_MS;
    let invalid = 0;
    let old = 0;
    this.entries = lines.flatMap((line, i) => {
      if (!line) return [];
      const e = parse(line);
      // The last line may be torn by a kill mid-write: it was never acknowledged.
      if (!e) invalid += i < lines.length - 1 ? 1 : 0;
      else if (Date.parse(e.at) <= keptAfter) old++;
      return e && Date.parse(e.at) > keptAfter ? [e] : [];
    });
    this.entries.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    let aside: string | null = null;
    if (invalid > 0) {
      aside = `${file}.rejected-${this.now()}`;
      await fs.copyFile(file, aside);
      await fs.chmod(aside, FILE_MODE);
    }
    if (invalid > 0 || old > 0 || (text && !text.endsWith('\n'))) await this.rewrite(file);
    this.fh = await fs.open(file, 'a', FILE_MODE);
    return aside;
  }

  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
    await this.fh?.close().catch(() => undefined);
    this.fh = null;
  }

  add(entry: AuditEntry): Promise<void> {
    const run = this.queue.then(async () => {
      if (!this.fh) throw new Error('the audit file is not open');
      await this.fh.appendFile(JSON.stringify(entry) + '\n');
      await this.fh.datasync();
      this.entries.push(entry);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  list(query: { limit: number; before?: string | null }): AuditEntry[] {
    return auditPage(this.entries, query, this.now() - AUDIT_KEEP_MS);
  }

  private rewrite(file: string): Promise<void> {
    return replaceFile(file, (fh) => writeLines(fh, this.entries));
  }
}

function parse(line: string): AuditEntry | null {
  try {
    return storedAudit(JSON.parse(line));
  } catch {
    return null;
  }
}
