// `migrate` copies one store into another: here embedded to embedded (the MongoDB leg is the same
// code with MONGODB_URI); the CLI without MONGODB_URI says what to set.
import assert from 'node:assert/strict';
import { paths } from '../../../main/paths.js';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { EmbeddedStore } from '../../../main/store/embedded.js';
import { copyStore } from '../../../main/store/migrate.js';
import { makeSession } from '../../helpers/sessions.js';

const CLI = paths.cli;

test('every session, token hash and End audit entry is copied, in batches (the audit in its order)', async () => {
  const a = await mkdtemp(path.join(os.tmpdir(), 'zs-mig-a-'));
  const b = await mkdtemp(path.join(os.tmpdir(), 'zs-mig-b-'));
  const from = new EmbeddedStore({ dataDir: a });
  const to = new EmbeddedStore({ dataDir: b });
  await from.open();
  await to.open();
  try {
    await from.apply(Array.from({ length: 2_500 }, (_, i) => ({ type: 'upsert' as const, session: makeSession(String(81_000_000_000 + i)) })));
    await from.addToken({ hash: 'c'.repeat(64), kind: 'api', expiresAt: null });
    const ends = Array.from({ length: 1_200 }, (_, i) => ({
      at: new Date(Date.now() - (1_200 - i) * 60_000).toISOString(), meetingId: String(81_000_000_000 + i), topic: `Room ${i}`, by: 'tray', outcome: 'ended' as const, zoomCode: null, message: null,
    }));
    for (const e of ends) await from.addAudit(e);
    const instance = { uuid: 'u1', meetingId: '81000000001', topic: 'Room', hostName: null, startedAt: '2026-11-01T10:00:00.000Z', endedAt: null, peakParticipants: 3, participantMinutes: 12, endedBy: null };
    await from.saveInstances([instance]);
    assert.deepEqual(await copyStore(from, to), { sessions: 2_500, tokens: 1, audit: 1_200, history: 1 });
    assert.deepEqual(await to.instances({ from: '2026-11-01T00:00:00.000Z', to: '2026-11-02T00:00:00.000Z' }), [instance]);
    assert.deepEqual(await to.audit({ limit: 2_000 }), ends.reverse());
    assert.deepEqual((await to.list()).length, 2_500);
    assert.deepEqual(await to.get('81000000007'), makeSession('81000000007'));
    assert.deepEqual(await to.tokens(), [{ hash: 'c'.repeat(64), kind: 'api', expiresAt: null }]);
  } finally {
    await from.close();
    await to.close();
    await rm(a, { recursive: true, force: true });
    await rm(b, { recursive: true, force: true });
  }
});

test('migrate without a database says what to set, in one line, exit 2', () => {
  const r = spawnSync(process.execPath, [CLI, 'migrate', '--from-data-dir', os.tmpdir()], { env: { PATH: process.env.PATH }, encoding: 'utf8' });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^zoom-sessions: migrate copies into MongoDB: set MONGODB_URI \(or MONGODB_IP\)\.\n$/);
  const noDir = spawnSync(process.execPath, [CLI, 'migrate'], { env: { PATH: process.env.PATH, MONGODB_URI: 'mongodb://127.0.0.1:9' }, encoding: 'utf8' });
  assert.equal(noDir.status, 2);
  assert.match(noDir.stderr, /--from-data-dir DIR/);
});
