#!/usr/bin/env node
// The headless entry: `zoom-sessions serve`, `zoom-sessions token new|revoke-all`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ApiAuth } from './api/auth.js';
import { nodeTooOld } from './node-version.js';
import { paths } from './paths.js';
import { ConfigError, defaultDataDir, mongoConfigFromEnv, parseServeArgs } from './config.js';
import { copyStore } from './store/migrate.js';
import { exitCode, formatChecks } from '../shared/setup-checks.js';
import { DEMO_API_TOKEN, startService } from './service.js';
import { EmbeddedStore } from './store/embedded.js';
import { StoreError } from './store/session-store.js';

const HELP = `zoom-sessions — which Zoom meetings are live now

  zoom-sessions serve [--port 5000] [--host 127.0.0.1] [--data-dir DIR] [--demo] [--api-token TOKEN]
  zoom-sessions token new [--label TEXT] [--data-dir DIR] [--demo]  issue another API token, print it once
  zoom-sessions token revoke-all [--data-dir DIR] [--demo]  revoke every API token
  zoom-sessions migrate --from-data-dir DIR        copy an embedded store into MongoDB (MONGODB_URI)
  zoom-sessions doctor [--json]                    check the set-up, line by line, with what to do
  zoom-sessions --version

Zoom credentials come from ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET (Server-to-Server
OAuth) or ZOOM_API_TOKEN, or from the dashboard's setup screen. See README.md for every setting.`;

const USAGE = {
  serve: 'zoom-sessions serve [--port 5000] [--host 127.0.0.1] [--data-dir DIR] [--demo] [--api-token TOKEN]',
  token: 'zoom-sessions token new [--label TEXT] | revoke-all [--data-dir DIR] [--demo]',
  doctor: 'zoom-sessions doctor [--json] [serve flags: --port, --host, --data-dir, --demo]',
  migrate: 'zoom-sessions migrate --from-data-dir DIR   (copies into MONGODB_URI; stop its service first)',
};

function version(): string {
  const pkg = JSON.parse(readFileSync(paths.packageJson, 'utf8')) as { version: string };
  return `zoom-sessions ${pkg.version}`;
}

const out = (line: string): void => void process.stdout.write(line + '\n');
const err = (line: string) => process.stderr.write(line + '\n');

/** Exit code 2 and one line for anything the user can fix. */
function fail(message: string): never {
  err(`zoom-sessions: ${message}`);
  process.exit(2);
}

/** parseArgs, with a wrong flag answered by the usage line (exit 2), never a stack trace. */
function flags(argv: string[], options: NonNullable<ParseArgsConfig['options']>, usage: string): Record<string, string | boolean | undefined> {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values as Record<string, string | boolean | undefined>;
  } catch (e) {
    return fail(`${(e as Error).message.split('\n')[0]}\nusage: ${usage}`);
  }
}

const wantsHelp = (argv: string[]) => argv.includes('--help') || argv.includes('-h');

async function serve(argv: string[]): Promise<void> {
  if (wantsHelp(argv)) return out(`usage: ${USAGE.serve}\n\n${HELP.split('\n\n')[2]}`);
  const config = parseServeArgs(argv);
  // Demo data never mixes with a real account's sessions.
  if (config.demo) config.dataDir = path.join(config.dataDir, 'demo');
  if (config.host !== '127.0.0.1' && config.host !== 'localhost' && config.host !== '::1') {
    err(`warning: listening on ${config.host}, not only this computer: anyone who can reach it and has the token can end meetings.`);
  }
  let service;
  try {
    service = await startService(config, { log: (line) => err(line) });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      fail(`port ${config.port} is already in use. Choose another with --port (on macOS, the AirPlay Receiver holds 5000).`);
    }
    throw e;
  }
  out(`zoom-sessions is serving ${service.url}${config.demo ? ' (demo account)' : ''}`);
  out(`open the dashboard (this link logs in once): ${service.loginUrl}`);
  out(`data dir: ${config.dataDir}`);
  if (!service.connection.configured) {
    out('Zoom is not set up yet: open the dashboard to enter your Server-to-Server OAuth app or try the demo account');
    out('  (or set ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET and restart).');
  }
  if (service.newApiToken) {
    out(`API token (shown once, keep it): ${service.newApiToken}`);
    out(`  curl -H 'SECURITY_TOKEN_AUTHENTICATION_KEY: ${service.newApiToken}' ${service.url}/api/v1/sessions`);
  } else {
    out(`API token: the one printed on first start (issue another with: zoom-sessions token new${config.demo ? ' --demo' : ''}).`);
  }
  if (config.demo) out(`demo: the original exercise's token ${DEMO_API_TOKEN} works too.`);
  const shutdown = () => {
    void service.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

async function token(argv: string[]): Promise<void> {
  if (wantsHelp(argv)) return out(`usage: ${USAGE.token}\n  new         issue another API token and print it once\n  --label     what the token is for ("wall display"): the End audit names it\n  revoke-all  revoke every API token and dashboard login\n  --demo      the demo account's tokens (serve --demo)`);
  const [action, ...rest] = argv;
  if (action !== 'new' && action !== 'revoke-all') fail(`usage: ${USAGE.token}`);
  const values = flags(rest, { 'data-dir': { type: 'string' }, demo: { type: 'boolean' }, label: { type: 'string' } }, USAGE.token);
  const label = typeof values.label === 'string' ? values.label.trim() : undefined;
  if (label !== undefined && (action !== 'new' || !/^[^\p{Cc}]{1,100}$/u.test(label))) {
    fail(action !== 'new' ? '--label goes with `token new`.' : '--label: 1 to 100 characters, no control characters.');
  }
  const dir = values['data-dir'];
  const base = path.resolve(typeof dir === 'string' ? dir : (process.env.ZOOM_SESSIONS_DATA_DIR ?? defaultDataDir()));
  // serve --demo keeps its data (and tokens) in DIR/demo.
  const store = new EmbeddedStore({ dataDir: values.demo ? path.join(base, 'demo') : base });
  await store.open();
  try {
    if (action === 'new') {
      const auth = new ApiAuth(store);
      await auth.load();
      out(`New API token${label ? ` “${label}”` : ''} (shown once, keep it): ${await auth.issueApiToken(label)}`);
    } else {
      await store.revokeAllTokens();
      out('Every API token and dashboard login is revoked. The next `zoom-sessions serve` prints a new token.');
    }
  } finally {
    await store.close();
  }
}

/** The set-up, checked line by line; exit 0 only when what is configured works. */
async function doctor(argv: string[]): Promise<void> {
  if (wantsHelp(argv)) return out(`usage: ${USAGE.doctor}\n  Checks the configuration, data dir, port, Zoom sign-in and scopes, Dashboard, WebSocket subscription,\n  webhook and MongoDB, each with what to do. --json for scripts.`);
  const json = argv.includes('--json');
  const { runDoctor } = await import('./doctor.js'); // with the MongoDB driver: only for this command
  const checks = await runDoctor(argv.filter((a) => a !== '--json'), process.env);
  out(json ? JSON.stringify({ ok: exitCode(checks) === 0, checks }, null, 2) : formatChecks(checks));
  process.exitCode = exitCode(checks);
}

async function migrate(argv: string[]): Promise<void> {
  if (wantsHelp(argv)) return out(`usage: ${USAGE.migrate}`);
  const values = flags(argv, { 'from-data-dir': { type: 'string' } }, USAGE.migrate);
  const mongo = mongoConfigFromEnv(process.env);
  if (!mongo) fail('migrate copies into MongoDB: set MONGODB_URI (or MONGODB_IP).');
  const fromDir = values['from-data-dir'];
  if (typeof fromDir !== 'string' || !fromDir) fail(`usage: ${USAGE.migrate}`);
  const from = new EmbeddedStore({ dataDir: path.resolve(fromDir) });
  const { MongoStore } = await import('./store/mongo.js');
  const to = new MongoStore({ ...mongo, log: err });
  await from.open();
  try {
    await to.open();
    const { sessions, tokens, audit, history } = await copyStore(from, to);
    out(`Copied ${sessions} session(s), ${tokens} token hash(es), ${audit} End audit entr${audit === 1 ? 'y' : 'ies'} and ${history} meeting instance(s) of usage history into ${mongo.shown}, database ${mongo.dbName}.`);
  } finally {
    await from.close();
    await to.close();
  }
}

async function main(argv: string[]): Promise<void> {
  const tooOld = nodeTooOld(process.versions.node);
  if (tooOld) fail(tooOld);
  const [command, ...rest] = argv;
  try {
    if (command === 'serve') await serve(rest);
    else if (command === 'token') await token(rest);
    else if (command === 'migrate') await migrate(rest);
    else if (command === 'doctor') await doctor(rest);
    else if (!command || command === 'help' || command === '--help' || command === '-h') out(HELP);
    else if (command === '--version' || command === '-v' || command === 'version') out(version());
    else fail(`unknown command "${command}". Run zoom-sessions --help.`);
  } catch (e) {
    if (e instanceof ConfigError || e instanceof StoreError) fail(e.message);
    throw e;
  }
}

void main(process.argv.slice(2));
