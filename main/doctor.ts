// `zoom-sessions doctor [serve flags] [--json]`: the whole set-up, line by line — configuration, data dir,
// port, Zoom (sign-in, scopes, Dashboard, WebSocket), webhook, MongoDB. Reads and asks; changes nothing but
// the data dir's record of recent Zoom calls, which its own calls join (they count in the account's budget).
import { constants as fsc, promises as fs } from 'node:fs';
import net from 'node:net';
import { ConfigError, parseServeArgs, type ServeConfig } from './config.js';
import { probeMongo } from './store/mongo-probe.js';
import type { Check } from '../shared/setup-checks.js';
import { zoomChecks } from './account/zoom-checks.js';
import { CallBudget } from './zoom/call-budget.js';
import { FileCallLedger } from './store/call-ledger.js';

export async function runDoctor(argv: string[], env: NodeJS.ProcessEnv): Promise<Check[]> {
  let config: ServeConfig;
  try {
    config = parseServeArgs(argv, env);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return [{ name: 'configuration', state: 'fail', detail: e.message }];
  }
  const checks: Check[] = [{ name: 'configuration', state: 'ok', detail: 'settings and flags read' }];
  checks.push(await dataDirCheck(config.dataDir), await portCheck(config.host, config.port));
  if (config.demo) {
    checks.push({ name: 'Zoom', state: 'skip', detail: '--demo: the built-in simulated account' });
  } else if (config.zoom) {
    const { apiBaseUrl, oauthUrl, auth } = config.zoom;
    // The running service's calls of the last minute are in the data dir: the doctor's wait for a slot like a person's.
    const budget = new CallBudget({ plan: config.plan, ledger: new FileCallLedger(config.dataDir, auth.kind === 's2s' ? auth.accountId : 'static') });
    checks.push(...(await zoomChecks({ apiBaseUrl, oauthUrl, auth, websocket: config.events.websocket, budget })));
    await budget.flush();
  } else {
    checks.push({
      name: 'Zoom',
      state: 'fail',
      detail: 'no account in the environment',
      fix: 'Set ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET, or enter them on the Connect Zoom screen (its "Check setup" runs these checks).',
    });
  }
  checks.push(
    config.events.webhookSecret
      ? { name: 'webhook', state: 'ok', detail: 'ZOOM_WEBHOOK_SECRET is set', fix: 'Zoom must reach this service at https://<your public host>/api/v1/zoom/webhook (a proxy in front of it).' }
      : { name: 'webhook', state: 'skip', detail: 'not configured (ZOOM_WEBHOOK_SECRET)' },
  );
  checks.push(await mongoCheck(config));
  return checks;
}

async function dataDirCheck(dir: string): Promise<Check> {
  const name = 'data dir';
  const st = await fs.stat(dir).catch(() => null);
  if (!st) return { name, state: 'ok', detail: `${dir} does not exist yet: it is made, private, at the first start` };
  if (!st.isDirectory()) return { name, state: 'fail', detail: `${dir} is not a folder`, fix: 'Choose another with --data-dir.' };
  const writable = await fs.access(dir, fsc.W_OK).then(() => true, () => false);
  if (!writable) return { name, state: 'fail', detail: `${dir} is not writable`, fix: 'Choose a writable folder with --data-dir.' };
  if (process.platform !== 'win32' && (st.mode & 0o077) !== 0) {
    return { name, state: 'warn', detail: `${dir} is readable by other users (mode ${(st.mode & 0o777).toString(8)})`, fix: 'zoom-sessions makes it private (0700) at its next start.' };
  }
  return { name, state: 'ok', detail: `${dir}: writable and private` };
}

function portCheck(host: string, port: number): Promise<Check> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', (e: NodeJS.ErrnoException) =>
      resolve({ name: 'port', state: 'fail', detail: `${host}:${port} is ${e.code === 'EADDRINUSE' ? 'in use' : `not available (${e.code})`}`, fix: 'Stop what holds it (another zoom-sessions?), or choose another with --port (on macOS, the AirPlay Receiver holds 5000).' }),
    );
    probe.listen(port, host, () => probe.close(() => resolve({ name: 'port', state: 'ok', detail: `${host}:${port} is free` })));
  });
}

async function mongoCheck(config: ServeConfig): Promise<Check> {
  if (!config.mongo) return { name: 'MongoDB', state: 'skip', detail: 'not configured: sessions are kept in the data dir' };
  const p = await probeMongo(config.mongo);
  if (!p.ok) return { name: 'MongoDB', state: 'fail', detail: p.why, fix: /4\.4 or newer/.test(p.why) ? 'See docs/migrate-from-the-original.md.' : 'Check MONGODB_URI (or MONGODB_IP / MONGODB_PORT) and that the server is running.' };
  const streams = p.replicaSet ? `replica set ${p.replicaSet}: changes arrive by change stream` : 'a single server: followers read changes every 2 s';
  const lease = p.leaseHolder ? `; Zoom is read by ${p.leaseHolder}` : '; nobody holds the sync lease yet';
  return { name: 'MongoDB', state: 'ok', detail: `${config.mongo.shown}, version ${p.version}, ${streams}${lease}` };
}
