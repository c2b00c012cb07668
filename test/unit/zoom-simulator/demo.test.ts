// The demo account as a newcomer sees it: its history and its live loop never claim more meetings live at
// once than the account's licenses, on whatever day the demo is started.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEMO_LICENSES } from '../../../main/config.js';
import { demoHistory, runDemoLoop, seedDemoAccount } from '../../../main/zoom-simulator/demo.js';
import { ZoomSimulator } from '../../../main/zoom-simulator/server.js';
import { usageReport } from '../../../main/usage/usage-report.js';

const DAY = 86_400_000;

function demoSim(now: number): ZoomSimulator {
  const sim = new ZoomSimulator(); // never started: the account alone
  seedDemoAccount(sim, now);
  return sim;
}

test('the demo history never has more meetings live at once than its licenses, started on any of 120 days', () => {
  const first = Date.parse('2026-10-01T10:00:00Z');
  let busiest = 0;
  for (let d = 0; d < 120; d++) {
    const now = first + d * DAY + (d % 24) * 3_600_000;
    const sim = demoSim(now);
    const instances = demoHistory(sim, now, { licenses: DEMO_LICENSES });
    const r = usageReport({ instances, rooms: [], from: now - 31 * DAY, to: now, now, tz: 'UTC', groupBy: 'day', licenses: DEMO_LICENSES, historySince: null });
    assert.ok(r.totals.peakConcurrent <= DEMO_LICENSES, `${new Date(now).toISOString()}: ${r.totals.peakConcurrent} of ${DEMO_LICENSES} licenses`);
    assert.ok(r.totals.meetings > 100, `${new Date(now).toISOString()}: still a month of use (${r.totals.meetings} meetings)`);
    busiest = Math.max(busiest, r.totals.peakConcurrent);
  }
  assert.equal(busiest, DEMO_LICENSES, 'busy days reach the licenses: the line means something');
});

test('the demo history keeps to a smaller license count given to it', () => {
  const now = Date.parse('2026-12-07T12:00:00Z');
  const instances = demoHistory(demoSim(now), now, { licenses: 2 });
  const r = usageReport({ instances, rooms: [], from: now - 31 * DAY, to: now, now, tz: 'UTC', groupBy: 'day', licenses: 2, historySince: null });
  assert.equal(r.totals.peakConcurrent, 2);
});

test('the live loop never starts a meeting past the licenses, its forgotten meetings counted', () => {
  const sim = demoSim(Date.now());
  const loop = runDemoLoop(sim, { tickMs: 3_600_000, seed: 3, licenses: DEMO_LICENSES });
  try {
    let most = 0;
    for (let i = 0; i < 2_000; i++) {
      loop.step();
      const live = [...sim.account.meetings.values()].filter((m) => m.live).length;
      assert.ok(live <= DEMO_LICENSES, `step ${i}: ${live} live`);
      most = Math.max(most, live);
    }
    assert.equal(most, DEMO_LICENSES, 'the loop does fill the account');
  } finally {
    loop.stop();
  }
});
