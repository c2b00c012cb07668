// A store in front of one that can go away (MongoDB): while the database is unreachable, changes are
// kept here — the newest per meeting, so the buffer is bounded by the number of meetings — and written
// when it is back, in order, with token changes after them. Nothing is lost; nothing throws at the
// engine for an outage. Past `maxPending` meetings the buffer stops growing and, on recovery, the whole
// current state (from `currentState`) is written instead.
import type { AuditEntry, UsageInstance } from '../../shared/api-schema.js';
import type { Session, SessionChange } from '../../shared/session.js';
import { backoffCeiling } from '../../shared/backoff.js';
import { instanceKey, StoreError, type SessionStore, type TokenRecord } from './session-store.js';
import { systemClock, type Clock, type TimerHandle } from '../../shared/clock.js';

export interface StoreHealth {
  /** When the database stopped answering (epoch ms); null when it answers. */
  unreachableSince: number | null;
  pending: number;
  message: string | null;
}

export interface BufferedStoreOptions {
  maxPending?: number;
  retry?: { baseMs: number; maxMs: number };
  /** What the engine holds now: written whole after an overflow. */
  currentState?: () => Session[];
  onHealth?: (h: StoreHealth) => void;
  clock?: Clock;
  log?: (line: string) => void;
}

type TokenOp = { op: 'add'; token: TokenRecord } | { op: 'remove'; hash: string } | { op: 'revoke-all' };

export class BufferedStore implements SessionStore {
  private pending = new Map<string, SessionChange>();
  private tokenOps: TokenOp[] = [];
  /** End audit entries written while the database was away, oldest first (bounded by maxPending). */
  private auditOps: AuditEntry[] = [];
  /** Usage-history instances written while the database was away: the newest write per instance. */
  private historyOps = new Map<string, UsageInstance>();
  private overflowed = false;
  private since: number | null = null;
  private message: string | null = null;
  private failures = 0;
  private timer: TimerHandle | null = null;
  private flushing: Promise<void> | null = null;
  private readonly now: () => number;
  private readonly clock: Clock;

  constructor(
    private readonly inner: SessionStore,
    private readonly opts: BufferedStoreOptions = {},
  ) {
    this.clock = opts.clock ?? systemClock;
    this.now = () => this.clock.now();
  }

  get kind(): SessionStore['kind'] {
    return this.inner.kind;
  }

  health(): StoreHealth {
    return { unreachableSince: this.since, pending: this.pending.size + this.tokenOps.length + this.auditOps.length + this.historyOps.size, message: this.message };
  }

  open(): Promise<void> {
    return this.inner.open();
  }

  /** One last try to write what is pending, then close. */
  async close(): Promise<void> {
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = null;
    if (this.since != null) await this.flush().catch(() => undefined);
    if (this.since != null) this.opts.log?.(`store: closing with ${this.health().pending} change(s) not written (the database is unreachable).`);
    await this.inner.close();
  }

  list(): Promise<Session[]> {
    return this.inner.list();
  }

  get(meetingId: string): Promise<Session | null> {
    return this.inner.get(meetingId);
  }

  tokens(): Promise<TokenRecord[]> {
    return this.inner.tokens();
  }

  async apply(changes: readonly SessionChange[]): Promise<void> {
    if (changes.length === 0) return;
    if (!(await this.written(() => this.inner.apply(changes)))) this.keep(changes);
  }

  addToken(token: TokenRecord): Promise<void> {
    return this.tokenOp({ op: 'add', token });
  }

  removeToken(hash: string): Promise<void> {
    return this.tokenOp({ op: 'remove', hash });
  }

  revokeAllTokens(): Promise<void> {
    return this.tokenOp({ op: 'revoke-all' });
  }

  async addAudit(entry: AuditEntry): Promise<void> {
    if (await this.written(() => this.inner.addAudit(entry))) return;
    if (this.auditOps.length < (this.opts.maxPending ?? 50_000)) this.auditOps.push(entry);
    else this.opts.log?.(`store: an End of meeting ${entry.meetingId} could not be kept for the audit (too many waiting for the database).`);
    this.emit();
  }

  audit(query: { limit: number; before?: string | null }): Promise<AuditEntry[]> {
    return this.inner.audit(query);
  }

  async saveInstances(instances: readonly UsageInstance[]): Promise<void> {
    if (await this.written(() => this.inner.saveInstances(instances))) return;
    for (const i of instances) if (this.historyOps.size < (this.opts.maxPending ?? 50_000) || this.historyOps.has(instanceKey(i))) this.historyOps.set(instanceKey(i), i);
    this.emit();
  }

  instances(range: { from: string; to: string }): Promise<UsageInstance[]> {
    return this.inner.instances(range);
  }

  /** Writes what is pending now; resolves when written, rejects (and keeps it) when not. */
  flush(): Promise<void> {
    this.flushing ??= this.writePending().finally(() => (this.flushing = null));
    return this.flushing;
  }

  private async tokenOp(op: TokenOp): Promise<void> {
    if (await this.written(() => runTokenOp(this.inner, op))) return;
    this.tokenOps = op.op === 'revoke-all' ? [op] : [...this.tokenOps, op];
    this.emit();
  }

  private keep(changes: readonly SessionChange[]): void {
    for (const c of changes) {
      const id = c.type === 'upsert' ? c.session.meetingId : c.meetingId;
      if (!this.pending.has(id) && this.pending.size >= (this.opts.maxPending ?? 50_000)) {
        this.overflowed = true;
        continue;
      }
      this.pending.delete(id); // re-inserted at the end: the newest change per meeting, in order of last change
      this.pending.set(id, c);
    }
    this.emit();
  }

  /** Writes through while the database answers: true when written; false when it is (or just went) away
   * and the write is the caller's to keep. Any other failure is thrown. */
  private async written(write: () => Promise<void>): Promise<boolean> {
    if (this.since != null) return false;
    try {
      await write();
      return true;
    } catch (e) {
      if (!isOutage(e)) throw e;
      this.down(e);
      return false;
    }
  }

  private down(e: unknown): void {
    this.since ??= this.now();
    this.message = (e as Error).message;
    this.opts.log?.(`store: ${this.message} — changes are kept and will be written when it is back.`);
    this.schedule();
  }

  private schedule(): void {
    if (this.timer) return;
    const { baseMs, maxMs } = this.opts.retry ?? { baseMs: 1_000, maxMs: 30_000 };
    const wait = backoffCeiling(this.failures, { baseMs, maxMs });
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.flush().catch(() => undefined);
    }, wait);
    this.timer.unref?.();
  }

  private async writePending(): Promise<void> {
    const batch = this.pending;
    const ops = this.tokenOps;
    const whole = this.overflowed;
    const audit = this.auditOps;
    const history = this.historyOps;
    this.historyOps = new Map();
    this.pending = new Map();
    this.tokenOps = [];
    this.auditOps = [];
    this.overflowed = false;
    try {
      if (whole && this.opts.currentState) await this.writeWhole(this.opts.currentState());
      else if (batch.size) await this.inner.apply([...batch.values()]);
      for (const op of ops) await runTokenOp(this.inner, op);
      while (audit.length > 0) {
        await this.inner.addAudit(audit[0]!);
        audit.shift();
      }
      if (history.size > 0) await this.inner.saveInstances([...history.values()]);
    } catch (e) {
      // Put it back under anything newer that arrived meanwhile.
      for (const [id, c] of batch) if (!this.pending.has(id)) this.pending.set(id, c);
      this.tokenOps = [...ops, ...this.tokenOps];
      this.auditOps = [...audit, ...this.auditOps];
      for (const [k, i] of history) if (!this.historyOps.has(k)) this.historyOps.set(k, i);
      this.overflowed ||= whole;
      this.failures++;
      if (isOutage(e)) this.message = (e as Error).message;
      this.emit();
      this.schedule();
      throw e;
    }
    if (this.pending.size || this.tokenOps.length || this.auditOps.length || this.historyOps.size) return this.writePending();
    const was = this.since;
    this.since = null;
    this.message = null;
    this.failures = 0;
    if (was != null) this.opts.log?.(`store: the database is back; ${batch.size} session change(s) written.`);
    this.emit();
  }

  private async writeWhole(state: Session[]): Promise<void> {
    const keep = new Set(state.map((s) => s.meetingId));
    const gone = (await this.inner.list()).filter((s) => !keep.has(s.meetingId));
    await this.inner.apply([...state.map((session) => ({ type: 'upsert' as const, session })), ...gone.map((s) => ({ type: 'remove' as const, meetingId: s.meetingId }))]);
  }

  private emit(): void {
    this.opts.onHealth?.(this.health());
  }
}

function isOutage(e: unknown): boolean {
  return e instanceof StoreError && e.code === 'unavailable';
}

function runTokenOp(store: SessionStore, op: TokenOp): Promise<void> {
  if (op.op === 'add') return store.addToken(op.token);
  if (op.op === 'remove') return store.removeToken(op.hash);
  return store.revokeAllTokens();
}
