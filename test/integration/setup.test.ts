// First run: the service starts without Zoom credentials, the setup routes test and save them,
// and the secret never comes back. Zoom is the simulator, reached through ZOOM_API_BASE_URL.
import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { parseServeArgs } from '../../main/config.js';
import { startService, type RunningService } from '../../main/service.js';
import { ACCOUNT_FILE } from '../../main/account/saved-account.js';
import type { SecretVault } from '../../main/account/secret-vault.js';
import { ZoomSimulator } from '../../main/zoom-simulator/server.js';
import type { SetupState } from '../../shared/api-schema.js';
import type { Session, SyncStatus } from '../../shared/session.js';
import { testVault } from '../helpers/vault.js';
import { until as waitUntil } from '../helpers/until.js';

const SECRET = 'sim-client-secret';

/** Any answer of these routes, read loosely: each test reads the fields its route gives. */
interface Answer {
  setup: SetupState;
  error: { code: string; message: string };
  ok: boolean;
  activeUsers: number | null;
  sessions: Session[];
  status: SyncStatus;
}

interface Rig {
  sim: ZoomSimulator;
  service: RunningService;
  dir: string;
  token: string;
  call(method: string, route: string, body?: unknown): Promise<{ status: number; text: string; json: Answer }>;
  restart(opts?: { vault?: SecretVault | null; env?: NodeJS.ProcessEnv }): Promise<void>;
  stop(): Promise<void>;
}

async function rig(opts: { vault?: SecretVault | null; env?: NodeJS.ProcessEnv; sim?: ZoomSimulator } = {}): Promise<Rig> {
  const sim = opts.sim ?? new ZoomSimulator();
  if (!opts.sim) await sim.start();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'zs-setup-'));
  const token = 'setup-test-token-0123456789';
  const start = (o: { vault?: SecretVault | null; env?: NodeJS.ProcessEnv }) =>
    startService(
      parseServeArgs(['--port', '0', '--data-dir', dir, '--api-token', token], {
        ZOOM_API_BASE_URL: sim.apiBaseUrl,
        ZOOM_OAUTH_URL: sim.oauthUrl,
        ...o.env,
      }),
      { vault: o.vault ?? null, rendererDir: null, demoTickMs: 3_600_000 },
    );
  const r: Rig = {
    sim,
    dir,
    token,
    service: await start(opts),
    async call(method, route, body) {
      const res = await fetch(`${r.service.url}${route}`, {
        method,
        headers: { SECURITY_TOKEN_AUTHENTICATION_KEY: token, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, text, json: (text ? JSON.parse(text) : null) as Answer };
    },
    async restart(o = {}) {
      await r.service.stop();
      r.service = await start(o);
    },
    async stop() {
      await r.service.stop();
      await sim.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return r;
}

const creds = (sim: ZoomSimulator, over: Record<string, unknown> = {}) => ({ accountId: sim.accountId, clientId: sim.clientId, clientSecret: SECRET, ...over });

const until = <T>(what: string, fn: () => Promise<T | null | undefined | false>, ms = 8_000) => waitUntil(what, fn, ms, 50);

function seed(sim: ZoomSimulator, topic: string): string {
  const host = sim.account.addUser({ email: `${topic.replace(/\W/g, '').toLowerCase()}@example.com` });
  const m = sim.account.addMeeting({ hostId: host.id, topic, type: 2 });
  sim.account.start(m.id, 3);
  return String(m.id);
}

const sessions = async (r: Rig) => (await r.call('GET', '/api/v1/sessions')).json;

test('unconfigured: status says so, setup shows an empty editable form, nothing is polled', async () => {
  const r = await rig();
  try {
    const { status } = await sessions(r);
    assert.equal(status.configured, false);
    const { json } = await r.call('GET', '/api/v1/setup');
    assert.deepEqual(json.setup, { source: null, accountId: null, clientId: null, hasSecret: false, canRemember: false, editable: true });
    assert.equal(r.sim.calls.length, 0, 'no Zoom call before setup');
  } finally {
    await r.stop();
  }
});

test('Test connection: a bad secret is reported in words (422) and never echoed; good credentials count the users', async () => {
  const r = await rig();
  try {
    const bad = await r.call('POST', '/api/v1/setup/test', creds(r.sim, { clientSecret: 'not-the-secret-xyz' }));
    assert.equal(bad.status, 422);
    assert.equal(bad.json.error.code, 'zoom-auth');
    assert.match(bad.json.error.message, /Zoom refused the Server-to-Server OAuth credentials \(invalid_client: Invalid client_id or client_secret\)/);
    assert.ok(!bad.text.includes('not-the-secret-xyz'));
    // The person typed them into the form: the error names its fields, not environment variables.
    assert.match(bad.json.error.message, /Check the Account ID, Client ID and Client secret entered above\.$/);
    assert.doesNotMatch(bad.json.error.message, /ZOOM_/);
    const badAccount = await r.call('POST', '/api/v1/setup/test', creds(r.sim, { accountId: 'someone-else' }));
    assert.equal(badAccount.status, 422);
    assert.match(badAccount.json.error.message, /Invalid account_id/);
    seed(r.sim, 'Standup');
    const good = await r.call('POST', '/api/v1/setup/test', creds(r.sim));
    assert.equal(good.status, 200, good.text);
    assert.deepEqual(good.json, { ok: true, activeUsers: 1 });
    assert.equal((await sessions(r)).status.configured, false, 'testing does not switch anything');
  } finally {
    await r.stop();
  }
});

test('Test connection: a missing scope names the scopes; Zoom down is a 502, not the user\'s fault', async () => {
  const r = await rig();
  try {
    r.sim.addFault({ route: 'users', status: 400, body: { code: 4711, message: 'Invalid access token, does not contain scopes:[user:read:list_users:admin].' } });
    const scope = await r.call('POST', '/api/v1/setup/test', creds(r.sim));
    assert.equal(scope.status, 422);
    assert.equal(scope.json.error.code, 'zoom-forbidden');
    assert.match(scope.json.error.message, /user:read:list_users:admin, meeting:read:list_meetings:admin, meeting:read:meeting:admin, meeting:update:status:admin/);
    r.sim.addFault({ route: 'oauth', status: 503, body: {}, times: 5 });
    const down = await r.call('POST', '/api/v1/setup/test', creds(r.sim));
    assert.equal(down.status, 502);
    assert.equal(down.json.error.code, 'zoom-server');
  } finally {
    await r.stop();
  }
});

test('Save for this run: the service switches to the account at once, the secret is not returned and not written', async () => {
  const r = await rig();
  try {
    const id = seed(r.sim, 'Ward round');
    const saved = await r.call('PUT', '/api/v1/setup', creds(r.sim));
    assert.equal(saved.status, 200, saved.text);
    assert.deepEqual(saved.json.setup, { source: 'this-run', accountId: r.sim.accountId, clientId: r.sim.clientId, hasSecret: true, canRemember: false, editable: true });
    assert.ok(!saved.text.includes(SECRET));
    assert.ok(!(await r.call('GET', '/api/v1/setup')).text.includes(SECRET));
    const live = await until('the meeting live', async () => (await sessions(r)).sessions.find((s) => s.meetingId === id && s.status === 'live'));
    assert.equal(live.participants, 3);
    assert.equal((await sessions(r)).status.configured, true);
    await assert.rejects(stat(path.join(r.dir, ACCOUNT_FILE)), /ENOENT/);
    // Remember is refused where there is no vault, and says what to do instead.
    const remember = await r.call('PUT', '/api/v1/setup', { ...creds(r.sim), remember: true });
    assert.equal(remember.status, 409);
    assert.equal(remember.json.error.code, 'cannot-remember');
    assert.match(remember.json.error.message, /ZOOM_CLIENT_SECRET/);
    await assert.rejects(stat(path.join(r.dir, ACCOUNT_FILE)), /ENOENT/);
    // A restart forgets it: the setup screen again.
    await r.restart();
    assert.equal((await sessions(r)).status.configured, false);
  } finally {
    await r.stop();
  }
});

test('Save and remember: the secret is kept only as ciphertext and used again after a restart', async () => {
  const vault = testVault();
  const r = await rig({ vault });
  try {
    const id = seed(r.sim, 'Clinic desk');
    assert.equal((await r.call('GET', '/api/v1/setup')).json.setup.canRemember, true);
    const saved = await r.call('PUT', '/api/v1/setup', { ...creds(r.sim), remember: true });
    assert.equal(saved.status, 200, saved.text);
    assert.equal(saved.json.setup.source, 'saved');
    const file = await readFile(path.join(r.dir, ACCOUNT_FILE), 'utf8');
    assert.ok(!file.includes(SECRET), 'no plain secret on disk');
    assert.equal((JSON.parse(file) as { clientId: string }).clientId, r.sim.clientId);
    if (process.platform !== 'win32') assert.equal((await stat(path.join(r.dir, ACCOUNT_FILE))).mode & 0o777, 0o600);
    await r.restart({ vault });
    assert.equal((await r.call('GET', '/api/v1/setup')).json.setup.source, 'saved');
    await until('synced after restart', async () => (await sessions(r)).sessions.find((s) => s.meetingId === id && s.status === 'live'));
    // Another computer (another key) cannot read the secret: setup again, with the ids filled in.
    await r.restart({ vault: testVault() });
    const again = (await r.call('GET', '/api/v1/setup')).json.setup;
    assert.deepEqual(again, { source: null, accountId: r.sim.accountId, clientId: r.sim.clientId, hasSecret: false, canRemember: true, editable: true });
    assert.equal((await sessions(r)).status.configured, false);
  } finally {
    await r.stop();
  }
});

test('the secret may be left out to keep the one in use, for the same account only', async () => {
  const r = await rig();
  try {
    assert.equal((await r.call('PUT', '/api/v1/setup', { accountId: r.sim.accountId, clientId: r.sim.clientId })).json.error.code, 'secret-required');
    assert.equal((await r.call('PUT', '/api/v1/setup', creds(r.sim))).status, 200);
    const kept = await r.call('PUT', '/api/v1/setup', { accountId: r.sim.accountId, clientId: r.sim.clientId });
    assert.equal(kept.status, 200, kept.text);
    const other = await r.call('PUT', '/api/v1/setup', { accountId: 'other-account', clientId: r.sim.clientId });
    assert.equal(other.status, 400);
    assert.match(other.json.error.message, /Enter the client secret/);
  } finally {
    await r.stop();
  }
});

test('wrong credentials are not saved and the account in use stays', async () => {
  const r = await rig();
  try {
    const id = seed(r.sim, 'Keep me');
    assert.equal((await r.call('PUT', '/api/v1/setup', creds(r.sim))).status, 200);
    await until('synced', async () => (await sessions(r)).sessions.find((s) => s.meetingId === id));
    const bad = await r.call('PUT', '/api/v1/setup', creds(r.sim, { clientSecret: 'wrong-secret-here' }));
    assert.equal(bad.status, 422);
    assert.equal((await r.call('GET', '/api/v1/setup')).json.setup.source, 'this-run');
    assert.ok((await sessions(r)).sessions.some((s) => s.meetingId === id), 'sessions kept');
  } finally {
    await r.stop();
  }
});

test('an account file that cannot be written: a clear 500 and nothing switched', async () => {
  const r = await rig({ vault: testVault() });
  try {
    // A directory where the file goes fails the rename even for root (CI runs as root, which ignores modes).
    await mkdir(path.join(r.dir, ACCOUNT_FILE, 'in-the-way'), { recursive: true });
    const res = await r.call('PUT', '/api/v1/setup', { ...creds(r.sim), remember: true });
    assert.equal(res.status, 500);
    assert.equal(res.json.error.code, 'not-saved');
    assert.match(res.json.error.message, /^Cannot save the Zoom account in .*: /);
    assert.ok(!res.text.includes(SECRET));
    assert.equal((await r.call('GET', '/api/v1/setup')).json.setup.source, null);
    assert.equal((await sessions(r)).status.configured, false);
    await rm(path.join(r.dir, ACCOUNT_FILE), { recursive: true });
    if (process.getuid?.() !== 0) {
      await chmod(r.dir, 0o500);
      const ro = await r.call('PUT', '/api/v1/setup', { ...creds(r.sim), remember: true });
      await chmod(r.dir, 0o700);
      assert.match(ro.json.error.message, /it is not writable\./);
    }
  } finally {
    await r.stop();
  }
});

test('Try the demo account, then a real one: the demo\'s sessions go, the real ones come', async () => {
  const r = await rig({ vault: testVault() });
  try {
    const demo = await r.call('POST', '/api/v1/setup/demo');
    assert.equal(demo.status, 200, demo.text);
    assert.equal(demo.json.setup.source, 'demo');
    const demoSessions = await until('demo sessions', async () => {
      const list = (await sessions(r)).sessions;
      return list.length >= 12 ? list : null;
    });
    assert.ok(r.service.simulator, 'the demo simulator runs');
    const id = seed(r.sim, 'Real meeting');
    assert.equal((await r.call('PUT', '/api/v1/setup', { ...creds(r.sim), remember: true })).status, 200);
    assert.equal(r.service.simulator, null, 'the demo simulator is stopped');
    const real = await until('real sessions only', async () => {
      const list = (await sessions(r)).sessions;
      return list.some((s) => s.meetingId === id) ? list : null;
    });
    assert.ok(!real.some((s) => demoSessions.some((d) => d.meetingId === s.meetingId && d.topic === s.topic)), 'no demo session left');
  } finally {
    await r.stop();
  }
});

test('credentials from the environment cannot be changed from the screen; malformed bodies get 400', async () => {
  const sim = new ZoomSimulator();
  await sim.start();
  const r = await rig({ sim, env: { ZOOM_ACCOUNT_ID: sim.accountId, ZOOM_CLIENT_ID: sim.clientId, ZOOM_CLIENT_SECRET: SECRET } });
  try {
    const state = (await r.call('GET', '/api/v1/setup')).json.setup;
    assert.deepEqual(state, { source: 'env', accountId: sim.accountId, clientId: sim.clientId, hasSecret: true, canRemember: false, editable: false });
    const put = await r.call('PUT', '/api/v1/setup', creds(sim));
    assert.equal(put.status, 409);
    assert.equal(put.json.error.code, 'locked');
    assert.equal((await r.call('POST', '/api/v1/setup/demo')).status, 409);
    for (const body of [{}, { accountId: '', clientId: 'x', clientSecret: 'y' }, { ...creds(sim), extra: 1 }, { ...creds(sim), clientSecret: 'has space' }]) {
      const res = await r.call('POST', '/api/v1/setup/test', body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.json.error.code, 'invalid-request');
    }
    const noToken = await fetch(`${r.service.url}/api/v1/setup`);
    assert.equal(noToken.status, 401);
  } finally {
    await r.stop();
  }
});
