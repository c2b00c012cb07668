#!/usr/bin/env node
// The headless entry: `zoom-sessions serve`, `zoom-sessions token new|revoke-all`.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ApiAuth } from './api/auth.js';
import { ConfigError, defaultDataDir, mongoConfigFromEnv, parseServeArgs } from './config.js';
import { copyStore } from './store/migrate.js';
import { MongoStore } from './store/mongo.js';
import { DEMO_API_TOKEN, startService } from './service.js';
import { EmbeddedStore } from './store/embedded.js';
import { StoreError } from './store/session-store.js';

const HELP = `zoom-sessions — which Zoom meetings are live now

  zoom-sessions serve [--port 5000] [--host 127.0.0.1] [--data-dir DIR] [--demo] [--api-token TOKEN]
  zoom-sessions token new [--data-dir DIR]         issue another API token and print it once
  zoom-sessions token revoke-all [--data-dir DIR]  revoke every API token
  zoom-sessions migrate --from-data-dir DIR        copy an embedded store into MongoDB (MONGODB_URI)

Zoom credentials come from ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET (Server-to-Server
OAuth) or ZOOM_API_TOKEN, or from the dashboard's setup screen. See README.md for every setting.`;

const out = (line: string) => process.stdout.write(line + '\n');
const err = (line: string) => process.stderr.write(line + '\n');

/** Exit code 2 and one line for anything the user can fix. */
function fail(message: string): never {
  err(`zoom-sessions: ${message}`);
  process.exit(2);
}

async function serve(argv: string[]): Promise<void> {
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
    out('API token: the one printed on first start (issue another with: zoom-sessions token new).');
  }
  if (config.demo) out(`demo: the original exercise's token ${DEMO_API_TOKEN} works too.`);
  const shutdown = () => {
    void service.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

async function token(argv: string[]): Promise<void> {
  const [action, ...rest] = argv;
  const { values } = parseArgs({ args: rest, options: { 'data-dir': { type: 'string' } }, strict: true });
  const store = new EmbeddedStore({ dataDir: path.resolve(values['data-dir'] ?? defaultDataDir()) });
  await store.open();
  try {
    if (action === 'new') {
      const auth = new ApiAuth(store);
      await auth.load();
      out(`New API token (shown once, keep it): ${await auth.issueApiToken()}`);
    } else if (action === 'revoke-all') {
      await store.revokeAllTokens();
      out('Every API token and dashboard login is revoked. The next `zoom-sessions serve` prints a new token.');
    } else {
      fail('usage: zoom-sessions token new|revoke-all [--data-dir DIR]');
    }
  } finally {
    await store.close();
  }
}

async function migrate(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { 'from-data-dir': { type: 'string' } }, strict: true });
  const mongo = mongoConfigFromEnv(process.env);
  if (!mongo) fail('migrate copies into MongoDB: set MONGODB_URI (or MONGODB_IP).');
  if (!values['from-data-dir']) fail('usage: zoom-sessions migrate --from-data-dir DIR (the embedded store to copy; stop its service first).');
  const from = new EmbeddedStore({ dataDir: path.resolve(values['from-data-dir']) });
  const to = new MongoStore({ ...mongo, log: err });
  await from.open();
  try {
    await to.open();
    const { sessions, tokens } = await copyStore(from, to);
    out(`Copied ${sessions} session(s) and ${tokens} token hash(es) into ${mongo.shown}, database ${mongo.dbName}.`);
  } finally {
    await from.close();
    await to.close();
  }
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  try {
    if (command === 'serve') await serve(rest);
    else if (command === 'token') await token(rest);
    else if (command === 'migrate') await migrate(rest);
    else if (!command || command === 'help' || command === '--help' || command === '-h') out(HELP);
    else fail(`unknown command "${command}". Run zoom-sessions --help.`);
  } catch (e) {
    if (e instanceof ConfigError || e instanceof StoreError) fail(e.message);
    throw e;
  }
}

void main(process.argv.slice(2));
