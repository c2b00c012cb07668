import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmod, mkdtemp, readdir, rm, stat, symlink, utimes, writeFile, mkdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { EmbeddedStore } from '../../../main/store/embedded.js';
import { StoreError } from '../../../main/store/session-store.js';
import { makeSession } from '../../helpers/sessions.js';
import type { AuditEntry } from '../../../shared/api-schema.js';
import { storeContract } from './store-contract.js';

const tmp = () => mkdtemp(path.join(os.tmpdir(), 'zs-store-'));

storeContract('embedded', async () => {
  let dir = '';
  return {
    async fresh() {
      dir = await tmp();
      return new EmbeddedStore({ dataDir: dir });
    },
    async reopen() {
      return new EmbeddedStore({ dataDir: dir });
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
});

test('embedded: a kill in the middle of writes loses nothing that was acknowledged', async () => {
  const writer = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../helpers/store-writer.js');
  for (const killAfter of [40, 157, 333]) {
    const dir = await tmp();
    const child = spawn(process.execPath, [writer, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    let acked = -1;
    let buffer = '';
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop()!;
        for (const l of lines) acked = Number(l.slice('acked '.length));
        if (acked >= killAfter && !child.killed) child.kill('SIGKILL');
      });
      child.on('exit', () => resolve());
    });
    const store = new EmbeddedStore({ dataDir: dir });
    await store.open(); // the dead writer's lock is stale and taken over
    try {
      const sessions = await store.list();
      for (let i = 0; i <= acked; i++) assert.ok(await store.get(String(i)), `batch ${i} was acknowledged before the kill`);
      const counter = (await store.get('999999'))!;
      assert.ok(counter.participants! >= acked, 'the latest acknowledged value or a later one');
      assert.ok(sessions.every((s) => typeof s.meetingId === 'string' && s.topic.length > 0));
      // The store keeps working after the crash.
      await store.apply([{ type: 'upsert', session: makeSession('888888') }]);
    } finally {
      await store.close();
    }
    const again = new EmbeddedStore({ dataDir: dir });
    await again.open();
    assert.ok(await again.get('888888'));
    await again.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('embedded: a torn last journal line (kill mid-append) is ignored and later writes are whole', async () => {
  const dir = await tmp();
  const store = new EmbeddedStore({ dataDir: dir });
  await store.open();
  await store.apply([{ type: 'upsert', session: makeSession('1') }]);
  await store.close();
  await writeFile(path.join(dir, 'journal.ndjson'), (await readFile(path.join(dir, 'journal.ndjson'), 'utf8')) + '{"changes":[{"type":"ups');
  const again = new EmbeddedStore({ dataDir: dir });
  await again.open();
  assert.deepEqual((await again.list()).map((s) => s.meetingId), ['1']);
  await again.apply([{ type: 'upsert', session: makeSession('2') }]);
  await again.close();
  const third = new EmbeddedStore({ dataDir: dir });
  await third.open();
  assert.deepEqual((await third.list()).map((s) => s.meetingId).sort(), ['1', '2']);
  await third.close();
  await rm(dir, { recursive: true, force: true });
});

test('embedded: a data dir that cannot be created gives a clear error, not a crash', async () => {
  const dir = await tmp();
  const file = path.join(dir, 'a-file');
  await writeFile(file, 'x');
  const store = new EmbeddedStore({ dataDir: path.join(file, 'data') });
  await assert.rejects(store.open(), (e: StoreError) => {
    assert.ok(e instanceof StoreError);
    assert.equal(e.code, 'unwritable');
    assert.match(e.message, /Could not open the data dir .*a-file\/data \(ENOTDIR.*--data-dir/);
    return true;
  });
  await rm(dir, { recursive: true, force: true });
});

test('embedded: a full disk gives a clear error, keeps the changes in memory and saves them once it can', async () => {
  const dir = await tmp();
  // compactAfterBytes 0: the second batch writes a snapshot, so the journal holds nothing we need.
  const store = new EmbeddedStore({ dataDir: dir, compactAfterBytes: 0 });
  await store.open();
  await store.apply([{ type: 'upsert', session: makeSession('1') }]);
  await store.apply([{ type: 'upsert', session: makeSession('12') }]);
  await store.close();
  // The journal now points at /dev/full, where every write fails with ENOSPC.
  await rm(path.join(dir, 'journal.ndjson'));
  await symlink('/dev/full', path.join(dir, 'journal.ndjson'));
  const full = new EmbeddedStore({ dataDir: dir });
  await full.open();
  await assert.rejects(full.apply([{ type: 'upsert', session: makeSession('2') }]), (e: StoreError) => {
    assert.equal(e.code, 'full');
    assert.match(e.message, /disk .* is full \(ENOSPC\)/);
    return true;
  });
  assert.ok(await full.get('2'), 'the change is kept in memory');
  // Space is back: the next write saves everything (a whole snapshot), including the failed batch.
  await rm(path.join(dir, 'journal.ndjson'));
  await full.apply([{ type: 'upsert', session: makeSession('3') }]);
  await full.close();
  const recovered = new EmbeddedStore({ dataDir: dir });
  await recovered.open();
  assert.deepEqual((await recovered.list()).map((s) => s.meetingId).sort(), ['1', '12', '2', '3']);
  await recovered.close();
  await rm(dir, { recursive: true, force: true });
});

test('embedded: a live holder is refused; a lock left by a dead process, or by a reboot, is taken over', async () => {
  const dir = await tmp();
  const a = new EmbeddedStore({ dataDir: dir });
  await a.open();
  // A second store while the first holds it (the same check another process meets).
  await assert.rejects(new EmbeddedStore({ dataDir: dir }).open(), (e: StoreError) => e.code === 'locked' && /in use by another zoom-sessions \(pid \d+\)/.test(e.message));
  await a.close();
  const lockDir = path.join(dir, 'data.lock');
  const owner = path.join(dir, 'data.lock.pid');
  // A fresh lock whose holder is alive (our parent stands in for another zoom-sessions): in use.
  await mkdir(lockDir);
  await writeFile(owner, String(process.ppid));
  await assert.rejects(new EmbeddedStore({ dataDir: dir }).open(), (e: StoreError) => e.code === 'locked' && e.message.includes(`pid ${process.ppid}`));
  // After a reboot the same PID belongs to another program, but the lock has not been refreshed since: stale.
  const hourAgo = new Date(Date.now() - 3_600_000);
  await utimes(lockDir, hourAgo, hourAgo);
  const b = new EmbeddedStore({ dataDir: dir });
  await b.open();
  await b.close();
  // A fresh lock whose holder is dead (killed a moment ago): taken over at once.
  await mkdir(lockDir);
  await writeFile(owner, '999999999');
  const c = new EmbeddedStore({ dataDir: dir });
  await c.open();
  await c.close();
  // The PID-only lock file of earlier versions never blocks, whoever has that PID now.
  await writeFile(path.join(dir, 'lock'), String(process.ppid));
  const d = new EmbeddedStore({ dataDir: dir });
  await d.open();
  assert.ok(!(await readdir(dir)).includes('lock'), 'the old lock file is gone');
  await d.close();
  await rm(dir, { recursive: true, force: true });
});

test('embedded: the data dir is private (0700, files 0600); a wider one is tightened at start and said once', { skip: process.platform === 'win32' }, async () => {
  const dir = path.join(await tmp(), 'nested', 'data');
  const lines: string[] = [];
  // A tiny journal limit: every write also rewrites the snapshot, so both files exist.
  const store = new EmbeddedStore({ dataDir: dir, log: (l) => lines.push(l), compactAfterBytes: 1 });
  await store.open();
  await store.apply([{ type: 'upsert', session: makeSession('1') }]);
  await store.addToken({ hash: 'h', kind: 'api', expiresAt: null });
  await store.apply([{ type: 'upsert', session: makeSession('2') }]);
  assert.equal((await stat(dir)).mode & 0o777, 0o700);
  for (const f of await readdir(dir)) {
    const st = await stat(path.join(dir, f));
    assert.equal(st.mode & 0o777, st.isDirectory() ? 0o700 : 0o600, f);
  }
  assert.equal(lines.length, 0, 'nothing to tighten in a dir we made');
  await store.close();
  await chmod(dir, 0o755);
  await chmod(path.join(dir, 'sessions.json'), 0o644);
  await mkdir(path.join(dir, 'demo'), { mode: 0o777 });
  await chmod(path.join(dir, 'demo'), 0o777);
  // A file that is not ours is left as it is: a data dir may be a folder people keep other things in.
  await writeFile(path.join(dir, 'notes.txt'), 'mine', { mode: 0o644 });
  await chmod(path.join(dir, 'notes.txt'), 0o644);
  const again = new EmbeddedStore({ dataDir: dir, log: (l) => lines.push(l) });
  await again.open();
  assert.equal((await stat(dir)).mode & 0o777, 0o700);
  assert.equal((await stat(path.join(dir, 'sessions.json'))).mode & 0o777, 0o600);
  assert.equal((await stat(path.join(dir, 'demo'))).mode & 0o777, 0o700);
  assert.equal((await stat(path.join(dir, 'notes.txt'))).mode & 0o777, 0o644, 'not ours: untouched');
  assert.equal(lines.filter((l) => /readable by other users; it is private now/.test(l)).length, 1);
  await again.close();
  await rm(path.dirname(path.dirname(dir)), { recursive: true, force: true });
});

test('embedded: an unreadable session file is kept aside, said so, and the store still opens', async () => {
  const dir = await tmp();
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'sessions.json'), '{not json');
  const lines: string[] = [];
  const store = new EmbeddedStore({ dataDir: dir, log: (l) => lines.push(l) });
  await store.open();
  assert.deepEqual(await store.list(), []);
  assert.match(lines.join('\n'), /could not be read; it was kept as .*sessions\.json\.unreadable-/);
  assert.ok((await readdir(dir)).some((f) => f.startsWith('sessions.json.unreadable-')));
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

test('embedded: what is read back from disk is checked; malformed entries are skipped, said, and kept in a copy', async () => {
  const dir = await tmp();
  const good = makeSession('81234567890');
  const old = { ...makeSession('81234567891') } as Partial<ReturnType<typeof makeSession>>;
  delete old.passcode; // written before passcodes were kept: upgraded, not refused
  const bad = [{ ...makeSession('1'), status: 'maybe' }, { ...makeSession('2'), joinUrl: 42 }, { meetingId: '3' }, { ...makeSession('not-digits') }];
  const snapshot = JSON.stringify({ version: 1, sessions: [good, old, ...bad], tokens: [{ hash: 'h1', kind: 'api', expiresAt: null }, { hash: 7 }] });
  await writeFile(path.join(dir, 'sessions.json'), snapshot);
  const journal = [
    JSON.stringify({ changes: [{ type: 'upsert', session: makeSession('81234567892') }] }),
    JSON.stringify({ changes: [{ type: 'upsert', session: { meetingId: '4', topic: 5 } }] }),
    JSON.stringify({ something: 'else' }),
    JSON.stringify({ changes: [{ type: 'remove', meetingId: '81234567890' }] }),
  ].join('\n');
  await writeFile(path.join(dir, 'journal.ndjson'), `${journal}\n`);

  const logs: string[] = [];
  const store = new EmbeddedStore({ dataDir: dir, log: (l) => logs.push(l) });
  await store.open();
  try {
    assert.deepEqual((await store.list()).map((s) => s.meetingId).sort(), ['81234567891', '81234567892']);
    assert.equal((await store.get('81234567891'))!.passcode, null, 'an old session is upgraded: passcode not known');
    assert.deepEqual((await store.tokens()).map((t) => t.hash), ['h1']);
    assert.ok(logs.some((l) => /5 entries of the session file are not well formed; the others were loaded\. A copy is kept as .*sessions\.json\.rejected-\d+/.test(l)), logs.join('\n'));
    assert.ok(logs.some((l) => /2 line\(s\) of the journal are not changes this version writes; they were skipped\. A copy is kept as .*journal\.ndjson\.rejected-\d+/.test(l)), logs.join('\n'));
    const files = await readdir(dir);
    const copy = files.find((f) => f.startsWith('sessions.json.rejected-'))!;
    assert.equal(await readFile(path.join(dir, copy), 'utf8'), snapshot, 'the copy is the file as it was: nothing lost');
    const journalCopy = files.find((f) => f.startsWith('journal.ndjson.rejected-'))!;
    assert.equal(await readFile(path.join(dir, journalCopy), 'utf8'), `${journal}\n`);
    if (process.platform !== 'win32') assert.equal((await stat(path.join(dir, copy))).mode & 0o777, 0o600);
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('embedded: the End audit file drops entries past 90 days and a torn last line, keeps a copy of lines it cannot read', async () => {
  const dir = await tmp();
  const now = Date.now();
  const entry = (id: string, at: number): AuditEntry => ({ at: new Date(at).toISOString(), meetingId: id, topic: 'Ops', by: 'tray', outcome: 'ended', zoomCode: null, message: null });
  const old = entry('1', now - 91 * 24 * 3_600_000);
  const kept = entry('2', now - 60_000);
  const lines = [JSON.stringify(old), JSON.stringify(kept), '{"at":"yesterday","meetingId":3}', '{"at":"2026-11-2'];
  await writeFile(path.join(dir, 'audit.ndjson'), lines.join('\n'), { mode: 0o600 });
  const logs: string[] = [];
  const store = new EmbeddedStore({ dataDir: dir, log: (l) => logs.push(l) });
  await store.open();
  try {
    assert.deepEqual(await store.audit({ limit: 10 }), [kept]);
    const asides = (await readdir(dir)).filter((n) => n.startsWith('audit.ndjson.rejected-'));
    assert.equal(asides.length, 1, 'the unreadable line is kept in a copy');
    assert.equal(await readFile(path.join(dir, asides[0]!), 'utf8'), lines.join('\n'));
    assert.match(logs.join('\n'), /End audit.*skipped.*rejected-/);
    assert.equal(await readFile(path.join(dir, 'audit.ndjson'), 'utf8'), JSON.stringify(kept) + '\n');
    const later = entry('4', now);
    await store.addAudit(later);
    assert.equal((await stat(path.join(dir, 'audit.ndjson'))).mode & 0o777, 0o600);
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('embedded: a torn last line of the usage history is left alone and the next write starts on a line of its own', async () => {
  const dir = await tmp();
  const inst = { uuid: 'u1', meetingId: '81000000001', topic: 'Ward round', hostName: null, startedAt: '2026-11-27T09:00:00.000Z', endedAt: null, peakParticipants: 2, participantMinutes: 10, endedBy: null };
  await writeFile(path.join(dir, 'history.ndjson'), JSON.stringify(inst) + '\n' + '{"uuid":"u2","meetingId":"810', { mode: 0o600 });
  const store = new EmbeddedStore({ dataDir: dir });
  await store.open();
  try {
    const ended = { ...inst, endedAt: '2026-11-27T10:00:00.000Z' };
    await store.saveInstances([ended]);
    assert.deepEqual(await store.instances({ from: '2026-11-27T00:00:00.000Z', to: '2026-11-28T00:00:00.000Z' }), [ended]);
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
});
