// The composition root: zoom + sync + store + api, started by the CLI and by the Electron shell.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiAuth } from './api/auth.js';
import { buildApi, type Api } from './api/server.js';
import type { ServeConfig, ZoomConfig } from './config.js';
import { EmbeddedStore } from './store/embedded.js';
import type { SessionStore } from './store/session-store.js';
import { SyncEngine } from './sync/engine.js';
import { SyncScheduler } from './sync/scheduler.js';
import { S2SOAuth, StaticToken, type TokenProvider } from './zoom/auth.js';
import { ZoomClient } from './zoom/client.js';
import { runDemoLoop, seedDemoAccount, type DemoLoop } from './zoom-simulator/demo.js';
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
  client: ZoomClient;
  scheduler: SyncScheduler;
  api: Api;
  simulator: ZoomSimulator | null;
  stop(): Promise<void>;
}

export interface ServiceDeps {
  log?: (line: string) => void;
  store?: SessionStore;
  /** Demo loop tick; tests make it fast. */
  demoTickMs?: number;
  /** Catalog refresh interval (default 10 min). */
  catalogIntervalMs?: number;
  /** The built dashboard; default: dist/dashboard beside the compiled service. */
  rendererDir?: string | null;
}

export const DEFAULT_RENDERER_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '../dashboard');

export function tokenProvider(zoom: ZoomConfig): TokenProvider {
  return zoom.auth.kind === 'static'
    ? new StaticToken(zoom.auth.token)
    : new S2SOAuth({ oauthUrl: zoom.oauthUrl, ...zoom.auth });
}

export async function startService(config: ServeConfig, deps: ServiceDeps = {}): Promise<RunningService> {
  const log = deps.log ?? (() => undefined);
  const cleanups: (() => Promise<void> | void)[] = [];
  const stop = async () => {
    for (const fn of cleanups.reverse()) await fn();
    cleanups.length = 0;
  };
  try {
    let zoom = config.zoom;
    let simulator: ZoomSimulator | null = null;
    let demo: DemoLoop | null = null;
    if (config.demo) {
      simulator = new ZoomSimulator();
      await simulator.start();
      cleanups.push(() => simulator!.stop());
      seedDemoAccount(simulator);
      demo = runDemoLoop(simulator, { tickMs: deps.demoTickMs ?? 4_000 });
      cleanups.push(() => demo!.stop());
      zoom = {
        apiBaseUrl: simulator.apiBaseUrl,
        oauthUrl: simulator.oauthUrl,
        auth: { kind: 's2s', accountId: simulator.accountId, clientId: simulator.clientId, clientSecret: simulator.clientSecret },
      };
    }
    if (!zoom) throw new Error('No Zoom configuration.');

    const store = deps.store ?? new EmbeddedStore({ dataDir: config.dataDir, log });
    await store.open();
    cleanups.push(() => store.close());

    const auth = new ApiAuth(store, { extraApiTokens: config.demo ? [DEMO_API_TOKEN] : [] });
    await auth.load();
    const created = await auth.ensureApiToken(config.apiToken);

    const client = new ZoomClient({ apiBaseUrl: zoom.apiBaseUrl, auth: tokenProvider(zoom) });
    const engine = new SyncEngine({
      zoom: client,
      store,
      preferredLiveIntervalMs: config.liveIntervalMs,
      plan: config.plan,
      fallbackPassword: config.fallbackPassword,
      log,
    });
    await engine.load();

    const scheduler = new SyncScheduler(engine, { catalogIntervalMs: deps.catalogIntervalMs });
    const api = await buildApi({
      engine,
      auth,
      host: config.host,
      refresh: () => scheduler.refreshNow(),
      rendererDir: deps.rendererDir === undefined ? DEFAULT_RENDERER_DIR : deps.rendererDir,
    });
    await api.listen({ port: config.port, host: config.host });
    cleanups.push(() => api.close());
    const address = api.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    // The printed address: a wildcard listens on loopback too, and loopback is what this machine can open.
    const shown = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
    const host = shown.includes(':') ? `[${shown}]` : shown;

    cleanups.push(() => scheduler.stop());
    void scheduler.start();

    const url = `http://${host}:${port}`;
    const loginUrl = `${url}/?token=${auth.newLoginCode()}`;
    return { url, newApiToken: created, loginUrl, auth, engine, store, client, scheduler, api, simulator, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
