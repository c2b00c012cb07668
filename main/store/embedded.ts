// The default store: a snapshot file plus an append-only journal in the data dir.
// A batch is one journal line, synced before apply() returns; a kill mid-write leaves at most a torn
// last line, which load ignores. The snapshot is replaced by rename, so it is always whole.
import { promises as fs, constants as fsc } from 'node:fs';
import path from 'node:path';
import type { AuditEntry, UsageInstance } from '../../shared/api-schema.js';
import type { Session, SessionChange } from '../../shared/session.js';
import { AuditFile } from './audit-file.js';
import { HistoryFile } from './history-file.js';
import { applyChanges } from '../../shared/session-changes.js';
import { HISTORY_KEEP_MS, StoreError, type SessionStore, type TokenRecord } from './session-store.js';
import { errnoText, FILE_MODE, makePrivateDir } from './data-dir.js';
import { lockDir } from './dir-lock.js';
import { readIfExists, replaceFile, writeJoined } from './file-pieces.js';
import { readJournalLine, readSnapshot, type JournalEntry, type SnapshotFile } from './stored-format.js';


export interface EmbeddedStoreOptions {
  dataDir: string;
  /** Rewrite the snapshot once the journal passes this size (bytes). */
  compactAfterBytes?: number;
  log?: (line: string) => void;
  /** The clock the End audit's 90 days and the history's days are counted on. */
  now?: () => number;
  /** How long the usage history is kept (ZOOM_SESSIONS_HISTORY_DAYS). */
  historyKeepMs?: number;
}

const SNAPSHOT = 'sessions.json';
const JOURNAL = 'journal.ndjson';

export class EmbeddedStore implements SessionStore {
  readonly kind = 'embedded';
  private readonly sessions = new Map<string, Session>();
  private readonly tokenRecords = new Map<string, TokenRecord>();
  private journal: fs.FileHandle | null = null;
  private journalBytes = 0;
  private opened = false;
  /** After a failed write the journal may hold a torn line: the next write is a whole snapshot. */
  private needsSnapshot = false;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly dir: string;
  private release: (() => Promise<void>) | null = null;
  private readonly auditFile: AuditFile;
  private readonly historyFile: HistoryFile;

  constructor(private readonly opts: EmbeddedStoreOptions) {
    this.dir = path.resolve(opts.dataDir);
    this.auditFile = new AuditFile(this.dir, opts.now ?? (() => Date.now()));
    this.historyFile = new HistoryFile(this.dir, opts.historyKeepMs ?? HISTORY_KEEP_MS, opts.now ?? (() => Date.now()));
  }

  async open(): Promise<void> {
    const widened = await this.io('open the data dir', async () => {
      const n = await makePrivateDir(this.dir);
      await fs.access(this.dir, fsc.W_OK);
      return n;
    });
    if (widened > 0) this.opts.log?.(`The data dir ${this.dir} was readable by other users; it is private now (0700, its files 0600).`);
    await this.lock();
    try {
      await this.io('read sessions', () => this.load());
      this.journal = await this.io('open the journal', () => fs.open(this.file(JOURNAL), 'a', FILE_MODE));
      const aside = await this.io('read the End audit', () => this.auditFile.open());
      if (aside) this.opts.log?.(`Some lines of the End audit are not entries this version writes; they were skipped. A copy is kept as ${aside}.`);
      await this.io('open the usage history', () => this.historyFile.open());
    } catch (e) {
      await this.auditFile.close();
      await this.journal?.close().catch(() => undefined);
      this.journal = null;
      await this.unlock();
      throw e;
    }
    this.opened = true;
  }

  async close(): Promise<void> {
    if (!this.opened) return;
    this.opened = false;
    await this.queue.catch(() => undefined);
    await this.journal?.close().catch(() => undefined);
    this.journal = null;
    await this.auditFile.close();
    await this.historyFile.close();
    await this.unlock();
  }

  async list(): Promise<Session[]> {
    return [...this.sessions.values()];
  }

  async get(meetingId: string): Promise<Session | null> {
    return this.sessions.get(meetingId) ?? null;
  }

  apply(changes: readonly SessionChange[]): Promise<void> {
    if (changes.length === 0) return Promise.resolve();
    // Memory first: if the disk fails, the running app still shows the truth and writes it later.
    applyChanges(this.sessions, changes);
    return this.write({ changes: [...changes] });
  }

  addToken(token: TokenRecord): Promise<void> {
    this.tokenRecords.set(token.hash, { ...token });
    return this.write({ tokenAdd: { ...token } });
  }

  async tokens(): Promise<TokenRecord[]> {
    return [...this.tokenRecords.values()].map((t) => ({ ...t }));
  }

  removeToken(hash: string): Promise<void> {
    this.tokenRecords.delete(hash);
    return this.write({ tokenRemove: hash });
  }

  revokeAllTokens(): Promise<void> {
    this.tokenRecords.clear();
    return this.write({ tokensRevoked: true });
  }

  async addAudit(entry: AuditEntry): Promise<void> {
    if (!this.opened) throw new StoreError('unavailable', 'The session store is not open.');
    await this.io('save the End audit', () => this.auditFile.add(entry));
  }

  async audit(query: { limit: number; before?: string | null }): Promise<AuditEntry[]> {
    return this.auditFile.list(query);
  }

  async saveInstances(instances: readonly UsageInstance[]): Promise<void> {
    if (!this.opened) throw new StoreError('unavailable', 'The session store is not open.');
    await this.io('save the usage history', () => this.historyFile.save(instances));
  }

  instances(range: { from: string; to: string }): Promise<UsageInstance[]> {
    return this.io('read the usage history', () => this.historyFile.instances(range.from, range.to));
  }

  /** Writes are serialised: one line at a time, in order. */
  private write(entry: JournalEntry): Promise<void> {
    const run = this.queue.then(() => this.writeNow(entry));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async writeNow(entry: JournalEntry): Promise<void> {
    if (!this.opened) throw new StoreError('unavailable', 'The session store is not open.');
    const limit = this.opts.compactAfterBytes ?? 4 * 1024 * 1024;
    if (this.needsSnapshot || this.journalBytes > limit) {
      await this.compact();
      return;
    }
    const line = JSON.stringify(entry) + '\n';
    await this.io('save sessions', async () => {
      try {
        await this.journal!.appendFile(line);
        await this.journal!.datasync();
      } catch (e) {
        this.needsSnapshot = true;
        throw e;
      }
    });
    this.journalBytes += Buffer.byteLength(line);
  }

  /** Writes the whole state as a new snapshot (temp file, sync, rename), then empties the journal. */
  private async compact(): Promise<void> {
    const tokens: SnapshotFile['tokens'] = [...this.tokenRecords.values()];
    const sessions: SnapshotFile['sessions'] = [...this.sessions.values()]; // as they are now: writing awaits
    await this.io('save sessions', async () => {
      this.needsSnapshot = true;
      // SnapshotFile's JSON, a session at a time (file-pieces.ts says why).
      await replaceFile(this.file(SNAPSHOT), (fh) => writeJoined(fh, '{"version":1,"sessions":[', sessions, `],"tokens":${JSON.stringify(tokens)}}`));
      // Replaying an old journal over the new snapshot is harmless (upserts and removes are
      // idempotent), so a kill between rename and truncate loses nothing.
      // Reopened rather than truncated: a fresh file, wherever the old handle pointed.
      await this.journal?.close();
      this.journal = null;
      this.journal = await fs.open(this.file(JOURNAL), 'w', FILE_MODE);
      this.journalBytes = 0;
      this.needsSnapshot = false;
    });
  }

  private async load(): Promise<void> {
    await this.loadSnapshot();
    const journal = (await readIfExists(this.file(JOURNAL))) ?? '';
    this.journalBytes = Buffer.byteLength(journal);
    const lines = journal.split('\n');
    let invalid = 0;
    lines.forEach((line, i) => {
      if (!line) return;
      const entry = readJournalLine(line);
      // The last line may be torn by a kill mid-write: it was never acknowledged.
      if (entry === 'torn') {
        if (i < lines.length - 1) this.needsSnapshot = true;
        return;
      }
      if (entry === 'invalid') {
        invalid++;
        return;
      }
      if ('changes' in entry) applyChanges(this.sessions, entry.changes);
      else if ('tokenAdd' in entry) this.tokenRecords.set(entry.tokenAdd.hash, entry.tokenAdd);
      else if ('tokenRemove' in entry) this.tokenRecords.delete(entry.tokenRemove);
      else this.tokenRecords.clear();
    });
    if (invalid > 0) await this.keepAside(JOURNAL, `${invalid} line(s) of the journal are not changes this version writes; they were skipped`);
    // A torn tail must not glue itself to the next line we append.
    if (journal && !journal.endsWith('\n')) this.needsSnapshot = true;
  }

  private async loadSnapshot(): Promise<void> {
    const snap = await readIfExists(this.file(SNAPSHOT));
    if (snap == null) return;
    let read: ReturnType<typeof readSnapshot>;
    try {
      read = readSnapshot(snap);
    } catch {
      // Never silently drop data: keep the unreadable file aside and say so.
      const aside = this.file(`${SNAPSHOT}.unreadable-${Date.now()}`);
      await fs.rename(this.file(SNAPSHOT), aside);
      this.opts.log?.(`The session file could not be read; it was kept as ${aside} and the list starts empty.`);
      return;
    }
    for (const s of read.sessions) this.sessions.set(s.meetingId, s);
    for (const t of read.tokens) this.tokenRecords.set(t.hash, t);
    if (read.rejected > 0) await this.keepAside(SNAPSHOT, `${read.rejected} entr${read.rejected === 1 ? 'y' : 'ies'} of the session file are not well formed; the others were loaded`);
  }

  /** A copy of a file with entries we could not use, before the next compaction rewrites it: nothing is lost. */
  private async keepAside(name: string, what: string): Promise<void> {
    const aside = this.file(`${name}.rejected-${Date.now()}`);
    await fs.copyFile(this.file(name), aside);
    await fs.chmod(aside, FILE_MODE);
    this.needsSnapshot = true;
    this.opts.log?.(`${what}. A copy is kept as ${aside}.`);
  }

  private async lock(): Promise<void> {
    const held = await this.io('lock the data dir', () =>
      lockDir(this.dir, (e) => this.opts.log?.(`The lock on the data dir ${this.dir} was lost (${e.message}); another zoom-sessions could start on it.`)),
    );
    if (held.ok) {
      this.release = held.release;
      return;
    }
    const who = held.pid ? ` (pid ${held.pid})` : '';
    throw new StoreError('locked', `The data dir ${this.dir} is in use by another zoom-sessions${who}. Stop it, or choose another dir with --data-dir.`);
  }

  private async unlock(): Promise<void> {
    await this.release?.();
    this.release = null;
  }

  private file(name: string): string {
    return path.join(this.dir, name);
  }

  /** Runs a file operation; turns its failure into a StoreError a person can act on. */
  private async io<T>(what: string, op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (e) {
      if (e instanceof StoreError) throw e;
      const code = (e as NodeJS.ErrnoException).code ?? 'error';
      if (code === 'ENOSPC' || code === 'EDQUOT') {
        throw new StoreError('full', `Could not ${what}: the disk holding ${this.dir} is full (${code}). Free some space; changes are kept in memory and saved once it can.`);
      }
      throw new StoreError('unwritable', `Could not ${what} in ${this.dir} (${errnoText(e)}). Choose a writable dir with --data-dir.`);
    }
  }
}
