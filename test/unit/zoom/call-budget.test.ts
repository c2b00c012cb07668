// The one gate every Zoom call passes: windows per plan, people ahead of the background, End never waiting
// but counted, and the record of the last minute carried over a restart through a ledger. Time is
// node:test's mock timers.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { mock, test } from 'node:test';
import { budgetWindows, CallBudget, mergedLog, type CallLog } from '../../../main/zoom/call-budget.js';
import { CALL_LEDGER_FILE, FileCallLedger } from '../../../main/store/call-ledger.js';

const T0 = Date.parse('2026-12-07T09:00:00Z');
const flush = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

test('windows: a quarter of each published limit, a second for Light/Medium/Heavy, a minute (and a second for the way to Zoom) for Resource-intensive', () => {
  assert.deepEqual(budgetWindows('business'), {
    light: { ms: 1_000, limit: 20, reserve: 0 },
    medium: { ms: 1_000, limit: 15, reserve: 0 },
    heavy: { ms: 1_000, limit: 10, reserve: 0 },
    'resource-intensive': { ms: 61_000, limit: 5, reserve: 1 },
  });
  assert.deepEqual(budgetWindows('pro')['resource-intensive'], { ms: 61_000, limit: 2, reserve: 1 });
  assert.deepEqual(budgetWindows('pro').medium, { ms: 1_000, limit: 5, reserve: 0 });
});

test('the background takes 4 Dashboard calls a minute and waits; a person takes the fifth, ahead of it', async (t) => {
  mock.timers.enable({ apis: ['setTimeout', 'Date'], now: T0 });
  t.after(() => mock.timers.reset());
  const budget = new CallBudget({ plan: 'business' });
  const sent: string[] = [];
  const call = (who: string, p: 'background' | 'person') => void budget.take('resource-intensive', p).then(() => sent.push(`${who}@${(Date.now() - T0) / 1000}`));
  for (let i = 1; i <= 6; i++) call(`bg${i}`, 'background');
  await flush();
  assert.deepEqual(sent, ['bg1@0', 'bg2@0', 'bg3@0', 'bg4@0']);
  mock.timers.tick(10_000);
  call('person', 'person');
  await flush();
  assert.deepEqual(sent.slice(4), ['person@10'], 'the slot the background leaves');
  // A minute and the second for the way to Zoom (ARRIVAL_MARGIN_MS) from the first call.
  assert.equal(budget.waitMs('resource-intensive', 'person'), 51_000);
  mock.timers.tick(50_999);
  await flush();
  assert.equal(sent.length, 5, 'nothing before the first call leaves the window');
  mock.timers.tick(1);
  await flush();
  assert.deepEqual(sent.slice(5), ['bg5@61', 'bg6@61']);
});

test('End never waits, and counts: the background waits for it', async (t) => {
  mock.timers.enable({ apis: ['setTimeout', 'Date'], now: T0 });
  t.after(() => mock.timers.reset());
  const budget = new CallBudget({ plan: 'pro' }); // Light: 7 a second
  for (let i = 0; i < 10; i++) await budget.take('light', 'exempt');
  assert.equal(budget.recent('light').length, 10, 'ten Ends at once, none held back');
  let sent = false;
  void budget.take('light', 'background').then(() => (sent = true));
  mock.timers.tick(999);
  await flush();
  assert.equal(sent, false);
  mock.timers.tick(1);
  await flush();
  assert.equal(sent, true);
});

test('a restart reads the last minute from the data dir: the first calls of the new run wait for it', async (t) => {
  mock.timers.enable({ apis: ['setTimeout', 'Date'], now: T0 });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'zs-budget-'));
  t.after(async () => {
    mock.timers.reset();
    await rm(dir, { recursive: true, force: true });
  });
  const first = new CallBudget({ plan: 'business', ledger: new FileCallLedger(dir, 'acct-1') });
  for (let i = 0; i < 4; i++) await first.take('resource-intensive');
  await first.flush();
  mock.timers.tick(20_000);
  const again = new CallBudget({ plan: 'business', ledger: new FileCallLedger(dir, 'acct-1') });
  const other = new CallBudget({ plan: 'business', ledger: new FileCallLedger(dir, 'acct-2') });
  await Promise.all([again.flush(), other.flush()]); // both have read the record
  assert.equal(other.waitMs('resource-intensive', 'background'), 0, 'another account has its own budget');
  await other.take('resource-intensive');
  assert.equal(again.waitMs('resource-intensive', 'background'), 41_000, 'the last run spent the background share of this minute (and its second for the way to Zoom)');
  let sent = false;
  void again.take('resource-intensive').then(() => (sent = true));
  await flush();
  assert.equal(sent, false);
  mock.timers.tick(41_000);
  await flush();
  assert.equal(sent, true);
  await Promise.all([again.flush(), other.flush()]);
  const kept = JSON.parse(await readFile(path.join(dir, CALL_LEDGER_FILE), 'utf8')) as Record<string, CallLog>;
  assert.equal(kept['acct-1']!['resource-intensive']!.length, 5);
  assert.equal(kept['acct-2']!['resource-intensive']!.length, 1);
});

test('a damaged record is a fresh start; a call from a clock ahead is kept only within a window', async (t) => {
  mock.timers.enable({ apis: ['setTimeout', 'Date'], now: T0 });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'zs-budget-'));
  t.after(async () => {
    mock.timers.reset();
    await rm(dir, { recursive: true, force: true });
  });
  await writeFile(path.join(dir, CALL_LEDGER_FILE), '{"acct-1": {"resource-intensive": [1, "x", null');
  const budget = new CallBudget({ plan: 'business', ledger: new FileCallLedger(dir, 'acct-1') });
  await budget.take('resource-intensive');
  assert.equal(budget.recent('resource-intensive').length, 1);
  await budget.flush();
  assert.deepEqual(Object.keys(JSON.parse(await readFile(path.join(dir, CALL_LEDGER_FILE), 'utf8')) as object), ['acct-1'], 'written whole again');
  const w = budgetWindows('business');
  assert.deepEqual(mergedLog({ 'resource-intensive': [T0 - 70_000, T0 - 5_000, T0 + 5_000, T0 + 3_600_000] }, {}, T0, w), { 'resource-intensive': [T0 - 5_000, T0 + 5_000] });
});
