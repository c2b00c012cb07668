// `zoom-sessions doctor` against the Zoom simulator and a stand-in for an old MongoDB: all green for a good
// account; each way a set-up goes wrong gives its own line, with what to do.
import assert from 'node:assert/strict';
import { paths } from '../../main/paths.js';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { exitCode, type Check } from '../../shared/setup-checks.js';
import { ZOOM_SCOPES } from '../../shared/zoom-calls.js';
import { runDoctor } from '../../main/doctor.js';
import { ZoomSimulator } from '../../main/zoom-simulator/server.js';
import { startOldMongo } from '../helpers/old-mongo.js';

let sim: ZoomSimulator;
let dir: string;

before(async () => {
  sim = new ZoomSimulator();
  await sim.start();
  sim.account.addUser({ email: 'ops@example.com' });
  dir = await mkdtemp(path.join(os.tmpdir(), 'zs-doctor-'));
});
after(async () => {
  await sim.stop();
  await rm(dir, { recursive: true, force: true });
});

const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  ZOOM_API_BASE_URL: sim.apiBaseUrl,
  ZOOM_OAUTH_URL: sim.oauthUrl,
  ZOOM_ACCOUNT_ID: sim.accountId,
  ZOOM_CLIENT_ID: sim.clientId,
  ZOOM_CLIENT_SECRET: sim.clientSecret,
  ZOOM_WS_SUBSCRIPTION_ID: sim.events.subscriptionId,
  ZOOM_WS_URL: sim.wsUrl,
  ...extra,
});
const doctor = (e: NodeJS.ProcessEnv) => runDoctor(['--port', '0', '--data-dir', dir], e);
const line = (checks: Check[], name: string | RegExp) => checks.find((c) => (typeof name === 'string' ? c.name === name : name.test(c.name)));

test('a good account: every line green, exit 0; the CLI prints the same with --json', async () => {
  const checks = await doctor(env());
  assert.deepEqual(checks.filter((c) => c.state === 'fail' || c.state === 'warn'), []);
  assert.equal(exitCode(checks), 0);
  assert.equal(line(checks, 'Zoom sign-in')?.state, 'ok');
  assert.equal(checks.filter((c) => c.name.startsWith('scope for ')).length, ZOOM_SCOPES.length);
  assert.equal(line(checks, 'Dashboard')?.state, 'ok');
  assert.equal(line(checks, 'WebSocket subscription')?.state, 'ok');
  const cli = paths.cli;
  // Not spawnSync: the simulator answers from this process.
  const child = spawn(process.execPath, [cli, 'doctor', '--json', '--port', '0', '--data-dir', dir], { env: { PATH: process.env.PATH, HOME: os.tmpdir(), ...env() } });
  const run = { stdout: '', stderr: '', status: null as number | null };
  child.stdout.on('data', (c: Buffer) => (run.stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (run.stderr += c.toString()));
  run.status = await new Promise<number | null>((r) => child.on('exit', r));
  assert.equal(run.status, 0, run.stdout + run.stderr);
  const json = JSON.parse(run.stdout) as { ok: boolean; checks: Check[] };
  assert.equal(json.ok, true);
  assert.ok(!run.stdout.includes(sim.clientSecret), 'the secret is never printed');
});

test('each way the set-up goes wrong has its own ✗ (or !) line, with what to do', async () => {
  const badSecret = await doctor(env({ ZOOM_CLIENT_SECRET: 'not-the-secret' }));
  assert.equal(line(badSecret, 'Zoom sign-in')?.state, 'fail');
  assert.match(line(badSecret, 'Zoom sign-in')!.detail, /Invalid client_id or client_secret/);
  assert.equal(exitCode(badSecret), 1);

  sim.grantedScopes = sim.grantedScopes.filter((s) => s !== 'meeting:update:status:admin');
  const noEnd = await doctor(env());
  const endScope = line(noEnd, /^scope for the End button/)!;
  assert.equal(endScope.state, 'fail');
  assert.match(endScope.detail, /not granted: meeting:update:status:admin/);
  assert.match(endScope.fix!, /add meeting:update:status:admin/);
  sim.grantedScopes = [...sim.grantedScopes, 'meeting:update:status:admin'];

  // An app made with granular scopes, without the Dashboard's participants scope: who-is-in is off, named.
  sim.grantedScopes = sim.grantedScopes.filter((s) => s !== 'dashboard:read:list_meeting_participants:admin');
  const noNames = await doctor(env());
  const namesScope = line(noNames, /^scope for who is in a meeting/)!;
  assert.equal(namesScope.state, 'warn');
  assert.match(namesScope.fix!, /add dashboard:read:list_meeting_participants:admin \(or dashboard_meetings:read:admin\)/);
  assert.equal(line(noNames, 'Dashboard')?.state, 'ok', 'the live list is another scope');
  assert.equal(exitCode(noNames), 0);
  sim.grantedScopes = [...sim.grantedScopes, 'dashboard:read:list_meeting_participants:admin'];

  sim.dashboardForbidden = true;
  const noDashboard = await doctor(env());
  assert.equal(line(noDashboard, 'Dashboard')?.state, 'warn');
  assert.match(line(noDashboard, 'Dashboard')!.detail, /not available \(Zoom code 4711\)/);
  assert.equal(exitCode(noDashboard), 0, 'an optional feature: the rest works');
  sim.dashboardForbidden = false;

  sim.events.faults.refuseConnections = 'Invalid subscriptionId';
  const refused = await doctor(env());
  assert.equal(line(refused, 'WebSocket subscription')?.state, 'fail');
  assert.match(line(refused, 'WebSocket subscription')!.detail, /Zoom refused the subscription: Invalid subscriptionId/);
  sim.events.faults.refuseConnections = null;

  const old = await startOldMongo(6);
  try {
    const oldMongo = await doctor(env({ MONGODB_IP: '127.0.0.1', MONGODB_PORT: String(old.port) }));
    assert.equal(line(oldMongo, 'MongoDB')?.state, 'fail');
    assert.match(line(oldMongo, 'MongoDB')!.detail, /is version 3\.6; zoom-sessions needs 4\.4 or newer/);
  } finally {
    await old.stop();
  }
});
