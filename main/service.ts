// The composition root: zoom + sync + store + api, started by the CLI and by the Electron shell.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { ApiAuth } from './api/auth.js';
import { paths } from './paths.js';
import { buildApi, type Api } from './api/server.js';
import { DEMO_LICENSES, type ServeConfig } from './config.js';
import { EmbeddedStore } from './store/embedded.js';
import { BufferedStore } from './store/buffered-store.js';
import type { MongoStore } from './store/mongo.js';
import { wholeAsChanges } from './store/mongo-watch.js';
import { errnoText, makePrivateDir } from './store/data-dir.js';
import { LeaseKeeper } from './sync/lease-keeper.js';
import { StoreError, type SessionStore } from './store/session-store.js';
import { SyncEngine } from './sync/engine.js';
import { SyncScheduler } from './sync/scheduler.js';
import { HistoryKeeper } from './sync/history-keeper.js';
import { HistoryBackfill } from './sync/history-backfill.js';
import { ZoomConnection } from './zoom/connection.js';
import { CallBudgets } from './zoom/call-budget.js';
import { FileCallLedger } from './store/call-ledger.js';
import type { BackoffOptions } from '../shared/backoff.js';
import type { SecretVault } from './account/secret-vault.js';
import { ZoomSetup } from './account/zoom-setup.js';
import { AccountRunner, type DemoAccount } from './account-runner.js';
import { LiveEvents } from './sync/live-events.js';
import { demoHistory, runDemoLoop, seedDemoAccount, type DemoLoop } from './zoom-simulator/demo.js';
import { ZoomSimulator } from './zoom-simulator/server.js';

/** The original exercise's test token; accepted with --demo only. */
export const DEMO_API_TOKEN = 'ExampleAccess';

export interface RunningService {
  url: string;
  /** A token created by this start, to be shown once; null when one already existed. */
  newApiToken: string | null;
  /** Opens the dashboard logged in, once: `${url}/?token=…`. */
  loginUrl: string;
  auth: ApiAuth;
  engine: SyncEngine;
  store: SessionStore;
  /** The Zoom account in use; changes when the setup screen saves another. */
  connection: ZoomConnection;
  setup: ZoomSetup;
  scheduler: SyncScheduler;
  /** Zoom's meeting events (WebSocket, webhook) feeding the engine. */
  events: LiveEvents;
  api: Api;
  /** The demo account's simulator while the demo is in use. */
  readonly simulator: ZoomSimulator | null;
  stop(): Promise<void>;
}

export interface ServiceDeps {
  log?: (line: string) => void;
  store?: SessionStore;
  /** Keeps the client secret across restarts; the Electron shell passes safeStorage. */
  vault?: SecretVault | null;
  /** Demo loop tick; tests make it fast. */
  demoTickMs?: number;
  /** WebSocket heartbeat (default 30 s); tests shorten it. */
  heartbeatMs?: number;
  /** WebSocket reconnect backoff (default 1 s doubling to 5 min); tests shrink it to run a minute in a second. */
  eventBackoff?: BackoffOptions;
  /** Catalog refresh interval (default 10 min). */
  catalogIntervalMs?: number;
  /** How often attention and free-until are looked at again (default 30 s); tests shorten it. */
  insightTickMs?: number;
  /** The built dashboard; default: dist/dashboard beside the compiled service. */
  rendererDir?: string | null;
}

export const DEFAULT_RENDERER_DIR = paths.dashboard;

async function privateDataDir(dir: string, log: (line: string) => void): Promise<void> {
  try {
    if ((await makePrivateDir(dir)) > 0) log(`The data dir ${dir} was readable by other users; it is private now (0700, its files 0600).`);
  } catch (e) {
    throw new StoreError('unwritable', `Could not make the data dir ${dir} (${errnoText(e)}). Choose a writable dir with --data-dir.`);
  }
}

/** The demo's 30 days of usage history, once: a newcomer sees full charts at once. */
async function seedDemoHistory(sim: ZoomSimulator, store: SessionStore, licenses: number): Promise<void> {
  const now = Date.now();
  const month = { from: new Date(now - 31 * 86_400_000).toISOString(), to: new Date(now).toISOString() };
  if ((await store.instances(month)).length === 0) await store.saveInstances(demoHistory(sim, now, { licenses }));
}

/** The usage history: recorded from what the engine sees, and (but for the demo, whose history is
 * generated) the days before read back from Zoom's Dashboard. */
function startHistory(config: ServeConfig, engine: SyncEngine, store: SessionStore, log: (line: string) => void): HistoryKeeper {
  const backfill = config.demo
    ? undefined
    : new HistoryBackfill({ source: engine, store, dataDir: config.dataDir, now: () => Date.now(), progress: (p) => engine.board.setProgress('history', p), log });
  const history = new HistoryKeeper({ engine, store, historyKeepMs: config.historyKeepMs, backfill, log });
  history.start();
  return history;
}

/** The in-process demo account: a seeded simulator and its loop. */
async function startDemo(tickMs: number, licenses: number, onSimulator: (sim: ZoomSimulator | null) => void, store: SessionStore): Promise<DemoAccount> {
  const simulator = new ZoomSimulator();
  await simulator.start();
  seedDemoAccount(simulator);
  await seedDemoHistory(simulator, store, licenses);
  const loop: DemoLoop = runDemoLoop(simulator, { tickMs, licenses });
  onSimulator(simulator);
  return {
    zoom: {
      apiBaseUrl: simulator.apiBaseUrl,
      oauthUrl: simulator.oauthUrl,
      auth: { kind: 's2s', accountId: simulator.accountId, clientId: simulator.clientId, clientSecret: simulator.clientSecret },
    },
    websocket: { url: simulator.wsUrl, subscriptionId: simulator.events.subscriptionId },
    async stop() {
      loop.stop();
      onSimulator(null);
      await simulator.stop();
    },
  };
}

/** The session store: MongoDB (team mode) behind a buffer, else the embedded file store. */
async function openStore(config: ServeConfig, deps: ServiceDeps, log: (line: string) => void, late: { engine?: SyncEngine }): Promise<{ store: SessionStore; mongo: MongoStore | null }> {
  // An outage of MongoDB keeps changes in memory, never stops the service.
  // The driver is loaded only when MongoDB is configured: ~30 MB and ~0.2 s that the embedded store never needs.
  const mongo = !deps.store && config.mongo ? new (await import('./store/mongo.js')).MongoStore({ ...config.mongo, historyKeepMs: config.historyKeepMs, log }) : null;
  // With MongoDB the data dir still keeps the saved Zoom account: private, and made (or refused) at once.
  if (mongo) await privateDataDir(config.dataDir, log);
  const store: SessionStore =
    deps.store ??
    (mongo
      ? new BufferedStore(mongo, { currentState: () => late.engine?.list() ?? [], onHealth: (h) => late.engine?.board.setDatabaseHealth(h), log })
      : new EmbeddedStore({ dataDir: config.dataDir, historyKeepMs: config.historyKeepMs, log }));
  await store.open();
  if (mongo) {
    const from = config.mongo!.from === 'MONGODB_IP' ? ' (from MONGODB_IP, as the original exercise named it)' : '';
    log(`store: MongoDB at ${config.mongo!.shown}${from}, database ${config.mongo!.dbName}.`);
  }
  return { store, mongo };
}

/** Team mode: everyone follows the shared catalog; the lease holder alone reads Zoom. */
function joinTeam(mongo: MongoStore, engine: SyncEngine, runner: AccountRunner, log: (line: string) => void): () => Promise<void> {
  // The stream opens before the collection is read again: nothing written since the engine's first read is lost.
  const unwatch = mongo.watch({
    changes: (changes) => void engine.applyRemote(changes),
    whole: (sessions) => void engine.applyRemote(wholeAsChanges(engine.list(), sessions)),
    note: (text) => engine.board.setTeamNote(text),
  });
  engine.board.setTeamRole('follower');
  const keeper = new LeaseKeeper({
    primitive: mongo,
    holder: `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`,
    log,
    onRole: (role) => {
      engine.board.setTeamRole(role);
      void runner.setLeader(role === 'leader');
    },
  });
  keeper.start();
  return async () => {
    keeper.stop();
    await unwatch();
  };
}

/** The address to print: a wildcard listens on loopback too, and loopback is what this machine can open. */
function shownUrl(api: Api, config: ServeConfig): string {
  const address = api.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shown = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`;
}

/** Zoom, the engine, its timers and events, and the account in use: made, not yet started. */
async function startSync(config: ServeConfig, deps: ServiceDeps, store: SessionStore, mongo: MongoStore | null, log: (line: string) => void) {
  const team = mongo != null;
  const demo = { simulator: null as ZoomSimulator | null };
  const connection = new ZoomConnection();
  // One gate for every call to each account's Zoom; its record of the last minute outlives a restart (the
  // data dir) and, in team mode, a change of leader (the shared database).
  const budgets = new CallBudgets({ plan: config.plan, ledger: (account) => (mongo ? mongo.callLedger(account) : new FileCallLedger(config.dataDir, account)), log });
  const engine = new SyncEngine({ zoom: connection, store, preferredLiveIntervalMs: config.liveIntervalMs, plan: config.plan, fallbackPassword: config.fallbackPassword, attention: config.attention, autoEnd: config.autoEnd, log });
  await engine.load();
  // The demo looks every 10 s: its one-minute thresholds and 30-s warning are then punctual.
  const scheduler = new SyncScheduler(engine, { catalogIntervalMs: deps.catalogIntervalMs, insightTickMs: deps.insightTickMs ?? (config.demo ? 10_000 : undefined) });
  const events = new LiveEvents({
    engine,
    scheduler,
    webhookSecret: config.events.webhookSecret,
    tokens: () => connection.current?.tokens ?? null,
    heartbeatMs: deps.heartbeatMs,
    backoff: deps.eventBackoff,
    log,
  });
  const runner = new AccountRunner({
    engine,
    scheduler,
    events,
    connection,
    endpoints: config.zoomEndpoints,
    websocket: config.events.websocket,
    team,
    startDemo: () => startDemo(deps.demoTickMs ?? 4_000, config.licenses ?? DEMO_LICENSES, (sim) => (demo.simulator = sim), store),
    budgets,
    log,
  });
  const setup = new ZoomSetup({
    dataDir: config.dataDir,
    vault: deps.vault ?? null,
    endpoints: config.zoomEndpoints,
    fromEnv: config.zoom?.auth ?? null,
    demoFlag: config.demo,
    websocket: config.events.websocket,
    apply: (choice) => runner.switchTo(choice),
    budgets,
    log,
  });
  return { engine, scheduler, events, connection, runner, setup, demo, budgets };
}

export async function startService(config: ServeConfig, deps: ServiceDeps = {}): Promise<RunningService> {
  const log = deps.log ?? (() => undefined);
  const cleanups: (() => Promise<void> | void)[] = [];
  const stop = async () => {
    for (const fn of cleanups.reverse()) await fn();
    cleanups.length = 0;
  };
  try {
    const late: { engine?: SyncEngine } = {};
    const { store, mongo } = await openStore(config, deps, log, late);
    cleanups.push(() => store.close());

    const auth = new ApiAuth(store, { extraApiTokens: config.demo ? [DEMO_API_TOKEN] : [] });
    await auth.load();
    const created = await auth.ensureApiToken(config.apiToken);

    const { engine, scheduler, events, connection, runner, setup, demo, budgets } = await startSync(config, deps, store, mongo, log);
    cleanups.push(() => budgets.close());
    late.engine = engine;
    // The usage history: its last changes are written after the timers have stopped.
    const history = startHistory(config, engine, store, log);
    cleanups.push(() => history.stop());
    cleanups.push(() => scheduler.stop(), () => events.stop(), () => runner.stop());
    await runner.begin(await setup.initial(), setup.state().accountId);

    const api = await buildApi({
      engine,
      auth,
      setup,
      webhook: events.webhook ?? undefined,
      host: config.host,
      refresh: () => scheduler.refreshNow(),
      usage: { instances: (range) => store.instances(range), licenses: config.licenses },
      rendererDir: deps.rendererDir === undefined ? DEFAULT_RENDERER_DIR : deps.rendererDir,
    });
    await api.listen({ port: config.port, host: config.host });
    cleanups.push(() => api.close());
    if (mongo) cleanups.push(joinTeam(mongo, engine, runner, log));
    await runner.start();

    const url = shownUrl(api, config);
    return {
      url,
      newApiToken: created,
      loginUrl: `${url}/?token=${auth.newLoginCode()}`,
      auth,
      engine,
      store,
      connection,
      setup,
      scheduler,
      events,
      api,
      get simulator() {
        return demo.simulator;
      },
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
