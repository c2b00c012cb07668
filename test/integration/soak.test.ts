// The fault soak in CI: two minutes of `npm run soak` (bench/soak/run.ts), seed 7, against the service as users
// run it (its own process, the built bundle). Every fault of the plan strikes once; the service must lose no
// meeting, never show a live instance ended, agree with Zoom (its list and every event stream) within the
// quiet minute, keep the End audit across the kill, and keep to its Dashboard budget and to Retry-After.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { retryAfterBreaches, worstMinutes } from '../../bench/soak/measures.js';
import { FAULT_KINDS } from '../../bench/soak/plan.js';
import { soakReport } from '../../bench/soak/report.js';
import { runSoak } from '../../bench/soak/run.js';
import { budgetWindows } from '../../main/zoom/call-budget.js';

const MINUTES = 2;
const SEED = 7;

test(`the fault soak, ${MINUTES} minutes, seed ${SEED}: no divergence from Zoom, converged once faults stop`, { timeout: 5 * 60_000 }, async (t) => {
  const r = await runSoak({ minutes: MINUTES, seed: SEED, log: (line) => t.diagnostic(line) });
  for (const line of soakReport(r, { minutes: MINUTES, seed: SEED })) t.diagnostic(line);
  const why = `\n${r.divergences.join('\n')}\n${r.serviceLog.slice(-40).join('\n')}`;
  assert.deepEqual([...new Set(r.faults)].sort(), [...FAULT_KINDS].sort(), 'every fault struck');
  assert.equal(r.restartsMs.length, 1, 'one kill -9, and the service came back');
  assert.deepEqual(r.divergences, [], why);
  assert.notEqual(r.convergedMs, null, `converged within the quiet minute${why}`);
  assert.deepEqual(r.aliveFailures, [], 'isalive answered whenever the service was up');
  assert.ok(r.followers.every((f) => f.reconnects >= 2), 'each event stream was dropped and killed, and resumed');
  const dashboard = worstMinutes(r.sim.calls)['resource-intensive'] ?? 0;
  assert.ok(dashboard <= budgetWindows('business')['resource-intensive'].limit, `${dashboard} Dashboard calls in one minute`);
  assert.deepEqual(retryAfterBreaches(r.sim.calls).breaches, [], 'no call before a Retry-After ran out');
  assert.ok(r.ends.length >= 3 && r.audit.length >= r.ends.filter((e) => e.status === 200).length);
});
