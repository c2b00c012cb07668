// Configuration from flags and environment, validated once. An error names the variable or flag
// to set, in one line, and never echoes a secret.
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { ZoomPlan } from './sync/rate-budget.js';
import { DEFAULT_ATTENTION, type AttentionRules } from './sync/room-insight.js';
import { NO_AUTO_END, type AttentionKind, type AutoEndPolicy } from './sync/auto-end.js';

export type ZoomAuthConfig =
  | { kind: 's2s'; accountId: string; clientId: string; clientSecret: string }
  | { kind: 'static'; token: string };

export interface ZoomConfig {
  apiBaseUrl: string;
  oauthUrl: string;
  auth: ZoomAuthConfig;
}

export interface MongoConfig {
  uri: string;
  dbName: string;
  /** The URI with any password replaced by ***: the only form that is logged or shown. */
  shown: string;
  /** Which setting named the server. */
  from: 'MONGODB_URI' | 'MONGODB_IP';
}

export interface ServeConfig {
  host: string;
  port: number;
  dataDir: string;
  demo: boolean;
  /** null with --demo (the in-process simulator supplies its own) or when none are set (the setup screen asks). */
  zoom: ZoomConfig | null;
  /** Zoom's meeting events: a WebSocket subscription and/or a webhook secret; null = polling only. */
  events: { websocket: { url: string; subscriptionId: string } | null; webhookSecret: string | null };
  /** MongoDB instead of the embedded store (team mode); null = the embedded store. */
  mongo: MongoConfig | null;
  /** Where Zoom is, for credentials entered on the setup screen. */
  zoomEndpoints: { apiBaseUrl: string; oauthUrl: string };
  apiToken: string | null;
  liveIntervalMs: number;
  plan: ZoomPlan;
  fallbackPassword: string | null;
  /** When a live meeting needs attention: empty, one person alone, or past its booked end, this long. */
  attention: AttentionRules;
  /** Which of those the app ends by itself after a warning (none by default), and which meetings never. */
  autoEnd: AutoEndPolicy;
  /** How long the usage history is kept (ZOOM_SESSIONS_HISTORY_DAYS, default 90 days). */
  historyKeepMs: number;
  /** The account's Zoom licenses (ZOOM_SESSIONS_LICENSES), drawn as a line over peak concurrent meetings. */
  licenses: number | null;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export const DEFAULT_PORT = 5000;
export const DEFAULT_API_BASE_URL = 'https://api.zoom.us/v2';
export const DEFAULT_OAUTH_URL = 'https://zoom.us/oauth/token';
export const DEFAULT_WS_URL = 'wss://ws.zoom.us/ws';

/** The app's one name: its data dir's, and the desktop app's own (its keychain entry, its notifications). */
export const APP_NAME = 'zoom-sessions';

/** Where each OS keeps an app's data (Electron's appData), as `serve`, `token`, `doctor` and the desktop app
 * all use it: `<appData>/zoom-sessions`. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_NAME);
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), APP_NAME);
}

function httpUrl(value: string, name: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${name} is not a valid URL; set it to an http(s) URL such as ${name === 'ZOOM_OAUTH_URL' ? DEFAULT_OAUTH_URL : DEFAULT_API_BASE_URL}.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigError(`${name} must be an http(s) URL.`);
  return value.replace(/\/+$/, '');
}

export function zoomEndpointsFromEnv(env: NodeJS.ProcessEnv): { apiBaseUrl: string; oauthUrl: string } {
  return {
    apiBaseUrl: httpUrl(env.ZOOM_API_BASE_URL?.trim() || DEFAULT_API_BASE_URL, 'ZOOM_API_BASE_URL'),
    oauthUrl: httpUrl(env.ZOOM_OAUTH_URL?.trim() || DEFAULT_OAUTH_URL, 'ZOOM_OAUTH_URL'),
  };
}

/** Zoom credentials from the environment; null when none are set. */
export function zoomConfigFromEnv(env: NodeJS.ProcessEnv): ZoomConfig | null {
  const s2sNames = ['ZOOM_ACCOUNT_ID', 'ZOOM_CLIENT_ID', 'ZOOM_CLIENT_SECRET'] as const;
  const present = s2sNames.filter((n) => env[n]?.trim());
  const { apiBaseUrl, oauthUrl } = zoomEndpointsFromEnv(env);
  if (present.length === 3) {
    return {
      apiBaseUrl,
      oauthUrl,
      auth: {
        kind: 's2s',
        accountId: env.ZOOM_ACCOUNT_ID!.trim(),
        clientId: env.ZOOM_CLIENT_ID!.trim(),
        clientSecret: env.ZOOM_CLIENT_SECRET!.trim(),
      },
    };
  }
  if (present.length > 0) {
    const missing = s2sNames.filter((n) => !present.includes(n));
    throw new ConfigError(`Incomplete Zoom Server-to-Server OAuth credentials: set ${missing.join(' and ')} too.`);
  }
  const token = env.ZOOM_API_TOKEN?.trim();
  if (token) return { apiBaseUrl, oauthUrl, auth: { kind: 'static', token } };
  return null;
}

/** A MongoDB URI with its password, if any, replaced by ***. */
export function redactMongoUri(uri: string): string {
  // Any scheme: a mistyped one (postgres://…) must not show its password either.
  return uri.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^@/]*)@/i, (_m, scheme: string, auth: string) => {
    const user = auth.split(':')[0];
    return `${scheme}${auth.includes(':') ? `${user}:***` : user}@`;
  });
}

/** MONGODB_URI, or the original exercise's MONGODB_IP (+ MONGODB_PORT), and MONGODB_DB; null when unset. */
const ORIGINAL_MONGODB_PORT = '27020';

export function mongoConfigFromEnv(env: NodeJS.ProcessEnv): MongoConfig | null {
  const uri = env.MONGODB_URI?.trim();
  const ip = env.MONGODB_IP?.trim();
  const portText = env.MONGODB_PORT?.trim();
  // MONGODB_IP is the original exercise's setting: its server listened on 27020 and kept the database "db".
  const dbName = env.MONGODB_DB?.trim() || (uri ? 'zoom_sessions' : 'db');
  if (!/^[^/\\. "$*<>:|?]{1,63}$/.test(dbName)) throw new ConfigError('MONGODB_DB must be a database name: up to 63 characters, none of / \\ . " $ * < > : | ? or spaces.');
  if (uri && ip) throw new ConfigError('Set MONGODB_URI or MONGODB_IP, not both.');
  if (uri) {
    if (!/^mongodb(\+srv)?:\/\/[^\s]+$/.test(uri)) {
      throw new ConfigError(`MONGODB_URI must start with mongodb:// or mongodb+srv:// (got "${redactMongoUri(uri).slice(0, 80)}").`);
    }
    return { uri, dbName, shown: redactMongoUri(uri), from: 'MONGODB_URI' };
  }
  if (portText && !ip) throw new ConfigError('MONGODB_PORT is set without MONGODB_IP.');
  if (!ip) return null;
  if (!/^[A-Za-z0-9.\-:\[\]]+$/.test(ip)) throw new ConfigError(`MONGODB_IP must be a host name or IP address (got "${ip.slice(0, 80)}").`);
  const port = Number(portText ?? ORIGINAL_MONGODB_PORT);
  if (!/^\d+$/.test(portText ?? ORIGINAL_MONGODB_PORT) || port < 1 || port > 65535) throw new ConfigError(`MONGODB_PORT must be a port number from 1 to 65535 (got "${portText}").`);
  const host = ip.includes(':') && !ip.startsWith('[') ? `[${ip}]` : ip;
  const built = `mongodb://${host}:${port}`;
  return { uri: built, dbName, shown: built, from: 'MONGODB_IP' };
}

const DURATION_UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000 };

/** "90s", "20m", "1.5h" in ms, from 30 s to a day; a clear error naming the variable otherwise. */
export function parseDuration(name: string, text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([smh])$/i.exec(text.trim());
  const ms = m ? Math.round(Number(m[1]) * DURATION_UNITS[m[2]!.toLowerCase()]!) : NaN;
  if (!(ms >= 30_000 && ms <= 86_400_000)) {
    throw new ConfigError(`${name} must be a duration from 30s to 24h, such as 90s, 20m or 1h (got "${text.slice(0, 40)}").`);
  }
  return ms;
}

/** With --demo a minute each, so a newcomer sees forgotten meetings flagged within two minutes of starting. */
export const DEMO_ATTENTION: AttentionRules = { emptyMs: 60_000, aloneMs: 60_000, overrunMs: 60_000 };

/** The attention thresholds from ZOOM_SESSIONS_ATTENTION_EMPTY, _ALONE and _OVERRUN; unset ones keep their default. */
export function attentionFromEnv(env: NodeJS.ProcessEnv, defaults: AttentionRules = DEFAULT_ATTENTION): AttentionRules {
  const read = (name: string, fallback: number) => {
    const text = env[name]?.trim();
    return text ? parseDuration(name, text) : fallback;
  };
  return {
    emptyMs: read('ZOOM_SESSIONS_ATTENTION_EMPTY', defaults.emptyMs),
    aloneMs: read('ZOOM_SESSIONS_ATTENTION_ALONE', defaults.aloneMs),
    overrunMs: read('ZOOM_SESSIONS_ATTENTION_OVERRUN', defaults.overrunMs),
  };
}

const AUTO_END_KINDS: readonly AttentionKind[] = ['empty', 'alone', 'overrun'];

/** With --demo a room left empty is ended by itself after a 30-s warning, so a newcomer sees the
 * warning, Keep running and the End audit within a few minutes. ZOOM_SESSIONS_AUTO_END overrides it. */
export const DEMO_AUTO_END: AutoEndPolicy = { kinds: new Set(['empty']), warningMs: 30_000, except: new Set() };

/** ZOOM_SESSIONS_AUTO_END=empty,alone,overrun (any of them; empty: none; unset: the defaults, off but for
 * the demo), its _WARNING (default 5m) and _EXCEPT (meeting IDs, spaces allowed within an ID as Zoom prints them). */
export function autoEndFromEnv(env: NodeJS.ProcessEnv, defaults: AutoEndPolicy = NO_AUTO_END): AutoEndPolicy {
  const kinds = env.ZOOM_SESSIONS_AUTO_END;
  const listed = (kinds ?? '').split(',').map((k) => k.trim().toLowerCase()).filter(Boolean);
  const wrong = listed.filter((k) => !AUTO_END_KINDS.includes(k as AttentionKind));
  if (wrong.length > 0) {
    throw new ConfigError(`ZOOM_SESSIONS_AUTO_END lists what to end by itself: empty, alone and/or overrun, comma-separated (got "${wrong[0]!.slice(0, 40)}").`);
  }
  const warning = env.ZOOM_SESSIONS_AUTO_END_WARNING?.trim();
  const except = (env.ZOOM_SESSIONS_AUTO_END_EXCEPT ?? '').split(',').map((id) => id.replace(/[\s-]/g, '')).filter(Boolean);
  const notId = except.find((id) => !/^\d{9,12}$/.test(id));
  if (notId !== undefined) throw new ConfigError(`ZOOM_SESSIONS_AUTO_END_EXCEPT lists meeting IDs (9 to 12 digits), comma-separated (got "${notId.slice(0, 40)}").`);
  return {
    kinds: kinds === undefined ? defaults.kinds : new Set(listed as AttentionKind[]),
    warningMs: warning ? parseDuration('ZOOM_SESSIONS_AUTO_END_WARNING', warning) : defaults.warningMs,
    except: new Set([...defaults.except, ...except]),
  };
}

/** A whole number from `min` to `max` in an environment variable, or `fallback` when unset; a clear error otherwise. */
function wholeFromEnv(env: NodeJS.ProcessEnv, name: string, min: number, max: number, fallback: number | null, what: string): number | null {
  const text = env[name]?.trim();
  if (!text) return fallback;
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(n >= min && n <= max)) throw new ConfigError(`${name} must be ${what}, a whole number from ${min} to ${max} (got "${text.slice(0, 40)}").`);
  return n;
}

/** The demo account's Zoom licenses: its history and its live loop never have more meetings live at once. */
export const DEMO_LICENSES = 6;

/** The settings of room insight and usage: attention, auto-end, history days, licenses. */
function roomsFromEnv(env: NodeJS.ProcessEnv, demo: boolean): Pick<ServeConfig, 'attention' | 'autoEnd' | 'historyKeepMs' | 'licenses'> {
  return {
    attention: attentionFromEnv(env, demo ? DEMO_ATTENTION : DEFAULT_ATTENTION),
    autoEnd: autoEndFromEnv(env, demo ? DEMO_AUTO_END : NO_AUTO_END),
    historyKeepMs: wholeFromEnv(env, 'ZOOM_SESSIONS_HISTORY_DAYS', 1, 3650, 90, 'the days of usage history to keep')! * 86_400_000,
    // The demo account has its own, so its Usage chart shows the line.
    licenses: wholeFromEnv(env, 'ZOOM_SESSIONS_LICENSES', 1, 1_000_000, demo ? DEMO_LICENSES : null, "the account's Zoom licenses"),
  };
}

const USAGE = 'zoom-sessions serve [--port 5000] [--host 127.0.0.1] [--data-dir DIR] [--demo] [--api-token TOKEN]';

export function parseServeArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): ServeConfig {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'data-dir': { type: 'string' },
        demo: { type: 'boolean' },
        'api-token': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    throw new ConfigError(`${(e as Error).message.split('\n')[0]}. Usage: ${USAGE}`);
  }
  const portText = values.port ?? env.ZOOM_SESSIONS_PORT ?? String(DEFAULT_PORT);
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw new ConfigError(`--port must be a number from 0 to 65535 (got "${portText}").`);
  const host = (values.host ?? env.ZOOM_SESSIONS_HOST ?? '127.0.0.1').trim();
  if (!host) throw new ConfigError('--host must not be empty.');
  const demo = values.demo === true;
  const zoomEndpoints = zoomEndpointsFromEnv(env);
  const zoom = demo ? null : zoomConfigFromEnv(env);
  const intervalText = env.ZOOM_SESSIONS_LIVE_INTERVAL?.trim();
  const intervalSec = intervalText ? Number(intervalText) : 10;
  if (!Number.isFinite(intervalSec) || intervalSec < 2 || intervalSec > 3600) {
    throw new ConfigError('ZOOM_SESSIONS_LIVE_INTERVAL must be a number of seconds from 2 to 3600.');
  }
  const plan = (env.ZOOM_PLAN?.trim().toLowerCase() || 'business') as ZoomPlan;
  if (plan !== 'pro' && plan !== 'business') throw new ConfigError('ZOOM_PLAN must be "pro" or "business" (Business, Education, Enterprise).');
  const apiToken = values['api-token'] ?? env.ZOOM_SESSIONS_API_TOKEN?.trim() ?? null;
  if (apiToken != null && apiToken.length < 16) {
    throw new ConfigError('The API token (--api-token or ZOOM_SESSIONS_API_TOKEN) must be at least 16 characters.');
  }
  const subscriptionId = env.ZOOM_WS_SUBSCRIPTION_ID?.trim();
  const wsUrl = env.ZOOM_WS_URL?.trim() || DEFAULT_WS_URL;
  if (!/^wss?:\/\/[^\s/]+/.test(wsUrl)) throw new ConfigError(`ZOOM_WS_URL must be a ws(s) URL such as ${DEFAULT_WS_URL}.`);
  const webhookSecret = env.ZOOM_WEBHOOK_SECRET?.trim() || null;
  if (webhookSecret && webhookSecret.length < 8) throw new ConfigError("ZOOM_WEBHOOK_SECRET looks wrong: use the app's Secret Token (Features → Access).");
  return {
    host,
    port,
    mongo: mongoConfigFromEnv(env),
    events: { websocket: subscriptionId ? { url: wsUrl.replace(/\/+$/, ''), subscriptionId } : null, webhookSecret },
    dataDir: path.resolve(values['data-dir'] ?? env.ZOOM_SESSIONS_DATA_DIR ?? defaultDataDir(env)),
    demo,
    zoom,
    zoomEndpoints,
    apiToken: apiToken || null,
    liveIntervalMs: Math.round(intervalSec * 1000),
    plan,
    fallbackPassword: env.ZOOM_MEETING_PASSWORD?.trim() || null,
    ...roomsFromEnv(env, demo),
  };
}
