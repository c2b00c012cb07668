// A store whose database can be switched off: stands in for a MongoDB server, which cannot run on this
// machine. Underneath is the real embedded store; "down" answers as MongoStore does when unreachable.
import { StoreError, type SessionStore, type TokenRecord } from '../../main/store/session-store.js';
import type { AuditEntry, UsageInstance } from '../../shared/api-schema.js';
import type { Session, SessionChange } from '../../shared/session.js';

export class FlakyStore implements SessionStore {
  readonly kind = 'mongo' as const;
  down = false;
  /** Any other failure to answer with (a full disk, say). */
  fail: StoreError | null = null;
  constructor(private readonly inner: SessionStore) {}
  private check(): void {
    if (this.fail) throw this.fail;
    if (this.down) throw new StoreError('unavailable', 'MongoDB at mongodb://db:27017 is unreachable: connection refused');
  }
  open(): Promise<void> {
    return this.inner.open();
  }
  close(): Promise<void> {
    return this.inner.close();
  }
  async list(): Promise<Session[]> {
    this.check();
    return this.inner.list();
  }
  async get(id: string): Promise<Session | null> {
    this.check();
    return this.inner.get(id);
  }
  async apply(changes: readonly SessionChange[]): Promise<void> {
    this.check();
    return this.inner.apply(changes);
  }
  async addToken(t: TokenRecord): Promise<void> {
    this.check();
    return this.inner.addToken(t);
  }
  async tokens(): Promise<TokenRecord[]> {
    this.check();
    return this.inner.tokens();
  }
  async removeToken(h: string): Promise<void> {
    this.check();
    return this.inner.removeToken(h);
  }
  async revokeAllTokens(): Promise<void> {
    this.check();
    return this.inner.revokeAllTokens();
  }
  async addAudit(e: AuditEntry): Promise<void> {
    this.check();
    return this.inner.addAudit(e);
  }
  async audit(q: { limit: number; before?: string | null }): Promise<AuditEntry[]> {
    this.check();
    return this.inner.audit(q);
  }
  async saveInstances(i: readonly UsageInstance[]): Promise<void> {
    this.check();
    return this.inner.saveInstances(i);
  }
  async instances(r: { from: string; to: string }): Promise<UsageInstance[]> {
    this.check();
    return this.inner.instances(r);
  }
}
