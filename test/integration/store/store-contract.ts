// The contract every SessionStore must keep. Run by embedded.test.ts and, with MONGODB_URI, mongo.test.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AUDIT_KEEP_MS, HISTORY_KEEP_MS, type SessionStore, type TokenRecord } from '../../../main/store/session-store.js';
import type { AuditEntry, UsageInstance } from '../../../shared/api-schema.js';
import { makeSession } from '../../helpers/sessions.js';

export interface StoreFixture {
  /** A store on fresh, empty storage. */
  fresh(): Promise<SessionStore>;
  /** A new store instance on the same storage as the last fresh() one (a restart). */
  reopen(): Promise<SessionStore>;
  cleanup(): Promise<void>;
}

const hash = (c: string) => c.repeat(64);
const api = (c: string): TokenRecord => ({ hash: hash(c), kind: 'api', expiresAt: null });
const cookie = (c: string): TokenRecord => ({ hash: hash(c), kind: 'cookie', expiresAt: '2026-12-27T00:00:00.000Z' });
const DAY = 24 * 3_600_000;
const ended = (meetingId: string, at: number, by = 'dashboard'): AuditEntry => ({
  at: new Date(at).toISOString(), meetingId, topic: `Room ${meetingId}`, by, outcome: 'ended', zoomCode: null, message: null,
});
const sortTokens = (ts: TokenRecord[]) => [...ts].sort((x, y) => x.hash.localeCompare(y.hash));

export function storeContract(name: string, fixture: () => Promise<StoreFixture>): void {
  const withStore = async (fn: (store: SessionStore, f: StoreFixture) => Promise<void>) => {
    const f = await fixture();
    const store = await f.fresh();
    await store.open();
    try {
      await fn(store, f);
    } finally {
      await store.close();
      await f.cleanup();
    }
  };

  test(`${name}: starts empty`, () =>
    withStore(async (store) => {
      assert.deepEqual(await store.list(), []);
      assert.equal(await store.get('1'), null);
      assert.deepEqual(await store.tokens(), []);
    }));

  test(`${name}: upsert stores whole sessions, remove deletes them, order within a batch holds`, () =>
    withStore(async (store) => {
      await store.apply([
        { type: 'upsert', session: makeSession('1') },
        { type: 'upsert', session: makeSession('2') },
        { type: 'upsert', session: makeSession('3') },
        { type: 'remove', meetingId: '3' },
      ]);
      assert.deepEqual((await store.list()).map((s) => s.meetingId).sort(), ['1', '2']);
      const live = makeSession('1', { status: 'live', participants: 7, liveSince: '2026-11-27T10:00:00.000Z', hostEmail: null });
      await store.apply([{ type: 'upsert', session: live }]);
      assert.deepEqual(await store.get('1'), live);
      await store.apply([{ type: 'remove', meetingId: '2' }, { type: 'remove', meetingId: 'never-there' }]);
      assert.deepEqual((await store.list()).map((s) => s.meetingId), ['1']);
      await store.apply([]);
      assert.equal((await store.list()).length, 1);
    }));

  test(`${name}: sessions and token hashes survive a restart`, () =>
    withStore(async (store, f) => {
      await store.apply([{ type: 'upsert', session: makeSession('1', { topic: 'Kept' }) }]);
      await store.addToken(api('a'));
      await store.addToken(cookie('c'));
      await store.apply([{ type: 'upsert', session: makeSession('2') }, { type: 'remove', meetingId: '1' }]);
      await store.close();
      const again = await f.reopen();
      await again.open();
      try {
        assert.deepEqual((await again.list()).map((s) => s.meetingId), ['2']);
        assert.deepEqual(sortTokens(await again.tokens()), [api('a'), cookie('c')]);
      } finally {
        await again.close();
      }
    }));

  test(`${name}: tokens are kept by hash: added once, replaced, removed, revoked all together`, () =>
    withStore(async (store) => {
      await store.addToken(api('a'));
      await store.addToken(api('a'));
      await store.addToken(cookie('b'));
      await store.addToken(cookie('c'));
      assert.deepEqual(sortTokens(await store.tokens()), [api('a'), cookie('b'), cookie('c')]);
      await store.addToken({ ...cookie('b'), expiresAt: '2030-01-01T00:00:00.000Z' });
      await store.removeToken(hash('c'));
      assert.deepEqual(sortTokens(await store.tokens()), [api('a'), { ...cookie('b'), expiresAt: '2030-01-01T00:00:00.000Z' }]);
      await store.revokeAllTokens();
      assert.deepEqual(await store.tokens(), []);
    }));

  test(`${name}: 10 000 sessions in one batch round-trip`, () =>
    withStore(async (store, f) => {
      const many = Array.from({ length: 10_000 }, (_, i) => makeSession(String(80_000_000_000 + i)));
      await store.apply(many.map((session) => ({ type: 'upsert' as const, session })));
      await store.close();
      const again = await f.reopen();
      await again.open();
      try {
        assert.equal((await again.list()).length, 10_000);
        assert.deepEqual(await again.get(String(80_000_000_000 + 9_999)), many[9_999]);
      } finally {
        await again.close();
      }
    }));

  test(`${name}: a token's label is kept with its hash`, () =>
    withStore(async (store, f) => {
      await store.addToken({ ...api('l'), label: 'wall display' });
      await store.close();
      const again = await f.reopen();
      await again.open();
      try {
        assert.deepEqual(await again.tokens(), [{ ...api('l'), label: 'wall display' }]);
      } finally {
        await again.close();
      }
    }));

  test(`${name}: the End audit is newest first, paged by time, kept across a restart, and only for 90 days`, () =>
    withStore(async (store, f) => {
      const now = Date.now();
      const entries = [
        ended('1', now - AUDIT_KEEP_MS - DAY), // too old: never answered
        ended('2', now - 89 * DAY, 'token:wall display'),
        { ...ended('3', now - 2 * DAY, 'policy:empty'), outcome: 'failed' as const, zoomCode: 3000, message: 'Cannot end a webinar here.' },
        { ...ended('4', now - DAY, 'tray'), outcome: 'gone' as const, zoomCode: 3001 },
        ended('5', now - 1000),
      ];
      for (const e of entries) await store.addAudit(e);
      const newestFirst = [entries[4], entries[3], entries[2], entries[1]];
      assert.deepEqual(await store.audit({ limit: 10 }), newestFirst);
      assert.deepEqual(await store.audit({ limit: 2 }), newestFirst.slice(0, 2));
      assert.deepEqual(await store.audit({ limit: 2, before: entries[3]!.at }), newestFirst.slice(2, 4));
      assert.deepEqual(await store.audit({ limit: 2, before: entries[1]!.at }), []);
      await store.close();
      const again = await f.reopen();
      await again.open();
      try {
        assert.deepEqual(await again.audit({ limit: 10 }), newestFirst);
        const later = ended('6', now);
        await again.addAudit(later);
        assert.deepEqual((await again.audit({ limit: 1 }))[0], later);
      } finally {
        await again.close();
      }
    }));

  test(`${name}: the usage history: instances by key, the last write wins, found by overlap with a window, kept across a restart and only for its days`, () =>
    withStore(async (store, f) => {
      const now = Date.now();
      const iso = (t: number) => new Date(t).toISOString();
      const inst = (uuid: string | null, start: number, end: number | null, over: Partial<UsageInstance> = {}): UsageInstance => ({
        uuid, meetingId: '81000000001', topic: 'Ward round', hostName: 'Dr Okafor', startedAt: iso(start), endedAt: end == null ? null : iso(end),
        peakParticipants: 4, participantMinutes: 120, endedBy: null, ...over,
      });
      const expired = inst('gone', now - HISTORY_KEEP_MS - 2 * DAY, now - HISTORY_KEEP_MS - DAY);
      const lastWeek = inst('a', now - 7 * DAY, now - 7 * DAY + 3_600_000);
      const yesterday = inst(null, now - DAY, now - DAY + 1_800_000, { meetingId: '81000000002' });
      const live = inst('c', now - 600_000, null, { peakParticipants: 2 });
      await store.saveInstances([expired, lastWeek, yesterday, live]);
      await store.saveInstances([{ ...live, peakParticipants: 6 }]); // the same instance again: its peak grew
      const all = { from: iso(now - 400 * DAY), to: iso(now + DAY) };
      assert.deepEqual(await store.instances(all), [lastWeek, yesterday, { ...live, peakParticipants: 6 }]);
      assert.deepEqual(await store.instances({ from: iso(now - 2 * DAY), to: iso(now) }), [yesterday, { ...live, peakParticipants: 6 }], 'live ones overlap any window up to now');
      assert.deepEqual(await store.instances({ from: iso(now - 7 * DAY + 3_600_000), to: iso(now - DAY) }), [], 'touching the edges is not overlapping');
      await store.close();
      const again = await f.reopen();
      await again.open();
      try {
        assert.deepEqual(await again.instances(all), [lastWeek, yesterday, { ...live, peakParticipants: 6 }]);
      } finally {
        await again.close();
      }
    }));
}
