// The sessions as the app knows them: one map, its listeners, and its writes to the store, one at a time.
// What the user sees changes first; a store that fails is reported, never lets the view fall behind.
import type { Session, SessionChange } from '../../shared/session.js';
import { applyChanges } from '../../shared/session-changes.js';
import type { SessionStore } from '../store/session-store.js';

type ChangeListener = (changes: SessionChange[]) => void;
/** What every written session also carries, from what it was before (the live times, attention, free-until). */
export type Derive = (before: Session | undefined, session: Session) => Session;

export class SessionCache {
  private readonly sessions = new Map<string, Session>();
  private readonly listeners = new Set<ChangeListener>();
  private lock: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: SessionStore,
    /** A store write failed: the change is in memory and with listeners, not on disk. */
    private readonly onStoreError: (e: unknown) => void,
    private readonly derive: Derive = (_before, session) => session,
  ) {}

  async load(): Promise<void> {
    // Sessions stored before passcodes were kept have none: not known yet.
    for (const s of await this.store.list()) this.sessions.set(s.meetingId, { ...s, passcode: s.passcode ?? null });
  }

  list(): Session[] {
    return [...this.sessions.values()];
  }

  get(meetingId: string): Session | null {
    return this.sessions.get(meetingId) ?? null;
  }

  values(): IterableIterator<Session> {
    return this.sessions.values();
  }

  liveCount(): number {
    let n = 0;
    for (const s of this.sessions.values()) if (s.status === 'live') n++;
    return n;
  }

  onChanges(fn: ChangeListener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Runs fn after every write before it: rounds, events and End never interleave their changes. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.lock.then(fn);
    this.lock = run.catch(() => undefined);
    return run;
  }

  /** Applies changes in turn with every other write. */
  commit(changes: SessionChange[]): Promise<void> {
    return this.exclusive(() => this.applyNow(changes));
  }

  /** Memory and listeners first (what the user sees stays true), then the store. Call inside exclusive(). */
  async applyNow(written: SessionChange[]): Promise<void> {
    if (written.length === 0) return;
    const changes = written.map((c) => (c.type === 'upsert' ? { ...c, session: this.derive(this.sessions.get(c.session.meetingId), c.session) } : c));
    applyChanges(this.sessions, changes);
    for (const fn of this.listeners) fn(changes);
    try {
      await this.store.apply(changes);
    } catch (e) {
      this.onStoreError(e);
    }
  }

  /** Sessions whose derived fields changed with time alone (a threshold passed), written as any change. */
  review(at: string): Promise<number> {
    return this.exclusive(async () => {
      const changes: SessionChange[] = [];
      for (const s of this.sessions.values()) {
        const next = this.derive(s, s);
        if (next !== s) changes.push({ type: 'upsert', session: { ...next, updatedAt: at } });
      }
      await this.applyNow(changes);
      return changes.length;
    });
  }

  /** Another instance's changes (team mode): into memory and to listeners; the store has them already. */
  applyRemote(changes: SessionChange[]): Promise<void> {
    return this.exclusive(async () => {
      const fresh = changes.filter((c) =>
        c.type === 'remove' ? this.sessions.has(c.meetingId) : JSON.stringify(this.sessions.get(c.session.meetingId)) !== JSON.stringify(c.session),
      );
      if (fresh.length === 0) return;
      applyChanges(this.sessions, fresh);
      for (const fn of this.listeners) fn(fresh);
    });
  }

  /** Every session goes (another Zoom account). */
  clear(): Promise<void> {
    return this.commit([...this.sessions.keys()].map((meetingId) => ({ type: 'remove' as const, meetingId })));
  }
}
