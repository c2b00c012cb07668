// The Zoom simulator: an HTTP server on loopback with Zoom's OAuth endpoint, the REST routes we call,
// a control API (/_sim/...) and fault injection. Used by --demo, the tests and the benchmarks.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { SimAccount, SimError } from './account.js';
import { Faults, type FaultRule, type SimRoute } from './faults.js';
import { matchZoomRoute, runZoomRoute, type ZoomReply } from './zoom-routes.js';
import { handleControl } from './control-routes.js';
import { SimEvents } from './events.js';
import { parseHost } from '../../shared/host-header.js';
import { ZOOM_CALLS, ZOOM_SCOPES } from '../../shared/zoom-calls.js';
import { SimRateLimits, type SimPlan } from './rate-limits.js';

const ALL_SCOPES = ZOOM_SCOPES.flatMap((s) => s.granular);
/** Both names of the Dashboard's scopes: an account without the Dashboard has neither. */
const DASHBOARD_SCOPES = [ZOOM_CALLS.dashboard, ZOOM_CALLS['dashboard-participants']].flatMap((c) => [c.granular, c.classic]);

export interface SimulatorOptions {
  accountId?: string;
  clientId?: string;
  clientSecret?: string;
  /** Bearer tokens accepted as they are (the original exercise's ZOOM_API_TOKEN). */
  staticTokens?: string[];
  tokenTtlSec?: number;
  now?: () => number;
  /** Whose limits Zoom applies (default Business); null: none. */
  plan?: SimPlan | null;
}

export interface SimCall {
  method: string;
  route: SimRoute | 'unknown';
  path: string;
  /** The query string, "?" and all ("" without one). */
  query: string;
  status: number;
  at: number;
  /** The Retry-After the answer carried, as sent. */
  retryAfter?: string;
}

const MAX_BODY = 64 * 1024;

export class ZoomSimulator {
  readonly account: SimAccount;
  readonly faults = new Faults();
  readonly calls: SimCall[] = [];
  /** What the app was granted (the OAuth answer lists them); a call without its scope is answered 400/4711
   * naming it, as Zoom does. Tests take one away: `grantedScopes.splice(...)`. */
  grantedScopes: string[] = [...ALL_SCOPES];
  /** Zoom's per-second and per-minute limits of each rate category, for a plan (null: none, as for the
   * load benchmarks that measure us, not Zoom). */
  readonly limits: SimRateLimits;
  readonly accountId: string;
  /** Meeting events by WebSocket (`wsUrl`) and webhook, with their faults. */
  readonly events: SimEvents;
  readonly clientId: string;
  readonly clientSecret: string;
  private readonly tokens = new Map<string, number>(); // token -> expires at (ms)
  private readonly staticTokens: Set<string>;
  private readonly now: () => number;
  private server: http.Server | null = null;
  private baseUrl = '';

  constructor(private readonly opts: SimulatorOptions = {}) {
    this.now = opts.now ?? (() => Date.now());
    this.account = new SimAccount(this.now);
    this.accountId = opts.accountId ?? 'sim-account';
    this.clientId = opts.clientId ?? 'sim-client-id';
    this.clientSecret = opts.clientSecret ?? 'sim-client-secret';
    this.staticTokens = new Set(opts.staticTokens ?? []);
    this.limits = new SimRateLimits(opts.plan === undefined ? 'business' : opts.plan);
    this.events = new SimEvents(this.account, this.accountId, (t) => this.tokenState(t) === 'ok', this.now);
  }

  get wsUrl(): string {
    return `${this.baseUrl.replace(/^http/, 'ws')}/ws`;
  }

  get url(): string {
    return this.baseUrl;
  }
  get apiBaseUrl(): string {
    return `${this.baseUrl}/v2`;
  }
  get oauthUrl(): string {
    return `${this.baseUrl}/oauth/token`;
  }

  async start(port = 0, host = '127.0.0.1'): Promise<string> {
    const server = http.createServer((req, res) => {
      this.handle(req, res).catch((e: unknown) => {
        if (!res.headersSent) send(req, res, { status: 500, body: { code: 500, message: String(e) } });
        else res.destroy();
      });
    });
    server.keepAliveTimeout = 5_000;
    server.on('upgrade', (req, socket, head) => this.events.handleUpgrade(req, socket, head));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    const addr = server.address() as AddressInfo;
    this.baseUrl = `http://${host}:${addr.port}`;
    return this.baseUrl;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (!s) return;
    await this.events.close();
    s.closeAllConnections();
    await new Promise<void>((r) => s.close(() => r()));
  }

  /** An account without the Dashboard (a Pro plan, or an app without its scopes): both Dashboard calls are
   * answered 400/4711. */
  get dashboardForbidden(): boolean {
    return !DASHBOARD_SCOPES.some((n) => this.grantedScopes.includes(n));
  }
  set dashboardForbidden(forbidden: boolean) {
    this.grantedScopes = this.grantedScopes.filter((n) => !DASHBOARD_SCOPES.includes(n));
    if (!forbidden) this.grantedScopes.push(ZOOM_CALLS.dashboard.granular, ZOOM_CALLS['dashboard-participants'].granular);
  }

  /** Every token issued so far stops working with 401 code 124 "expired". */
  expireTokens(): void {
    for (const t of this.tokens.keys()) this.tokens.set(t, 0);
  }

  /** Every token issued so far is forgotten (as if the app was deactivated and reactivated). */
  revokeTokens(): void {
    this.tokens.clear();
  }

  addFault(rule: FaultRule): void {
    this.faults.add(rule);
  }

  callsTo(route: SimRoute): number {
    return this.calls.filter((c) => c.route === route).length;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sim');
    const raw = await readBody(req);
    const method = req.method ?? 'GET';
    if (url.pathname.startsWith('/_sim/')) {
      // The demo's simulator runs on the user's machine: a web page must not drive it (DNS rebinding, or a
      // form post that needs no preflight). Our own Host and port, and JSON for every write.
      const refused = controlRefusal(req, method);
      send(req, res, refused ?? handleControl(this, method, url.pathname.slice('/_sim'.length), parseJson(raw)));
      return;
    }
    const route: SimRoute | null =
      url.pathname === '/oauth/token' ? 'oauth' : url.pathname.startsWith('/v2/') ? matchZoomRoute(method, url.pathname.slice(3))?.def.name ?? null : null;
    const fault = route ? this.faults.take(route, this.now()) : null;
    if (fault?.reset) {
      this.log(method, route ?? 'unknown', url, 0);
      req.socket.destroy();
      return;
    }
    let reply: ZoomReply;
    if (fault?.status) reply = { status: fault.status, body: fault.body, headers: fault.headers ?? {} };
    else if (route === 'oauth') reply = this.oauth(req, url, raw);
    else if (route) reply = this.zoom(req, url, method, raw);
    else reply = { status: 404, body: { code: 404, message: 'Not found.' } };
    if (fault?.broken) reply = brokenReply(fault.broken, reply);
    this.log(method, route ?? 'unknown', url, reply.status, reply.headers?.['Retry-After']);
    // A slow answer is computed first and delivered late, as a real one in flight would be.
    if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
    if (res.destroyed) return; // the client gave up (timeout): nothing to answer
    send(req, res, reply);
  }

  private zoom(req: http.IncomingMessage, url: URL, method: string, raw: string): ZoomReply {
    const auth = req.headers.authorization ?? '';
    const token = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    const state = this.tokenState(token);
    if (state === 'invalid') return { status: 401, body: { code: 124, message: 'Invalid access token.' } };
    if (state === 'expired') return { status: 401, body: { code: 124, message: 'Access token is expired.' } };
    const found = matchZoomRoute(method, url.pathname.slice(3))!;
    let body: unknown = null;
    if (raw) {
      body = parseJson(raw);
      if (body === undefined) return { status: 400, body: { code: 300, message: 'Request Body should be a valid JSON object.' } };
    }
    return runZoomRoute({ account: this.account, granted: new Set(this.grantedScopes), limits: this.limits, now: this.now }, found, {
      method,
      path: url.pathname,
      query: url.searchParams,
      body,
    });
  }

  private oauth(req: http.IncomingMessage, url: URL, raw: string): ZoomReply {
    if (req.method !== 'POST') return { status: 405, body: { reason: 'Method not allowed', error: 'invalid_request' } };
    // Zoom reads grant_type and account_id from the query string or the form body.
    const form = new URLSearchParams(raw);
    const param = (k: string) => url.searchParams.get(k) ?? form.get(k);
    const basic = (req.headers.authorization ?? '').replace(/^Basic\s+/i, '');
    const [id, secret] = Buffer.from(basic, 'base64').toString().split(':');
    if (id !== this.clientId || secret !== this.clientSecret) {
      return { status: 400, body: { reason: 'Invalid client_id or client_secret', error: 'invalid_client' } };
    }
    if (param('grant_type') !== 'account_credentials') {
      return { status: 400, body: { reason: 'Unsupported grant type', error: 'unsupported_grant_type' } };
    }
    if (param('account_id') !== this.accountId) {
      return { status: 400, body: { reason: 'Invalid account_id', error: 'invalid_request' } };
    }
    const ttl = this.opts.tokenTtlSec ?? 3599;
    const token = `sim_${randomBytes(24).toString('base64url')}`;
    this.tokens.set(token, this.now() + ttl * 1000);
    return {
      status: 200,
      body: { access_token: token, token_type: 'bearer', expires_in: ttl, scope: this.grantedScopes.join(' '), api_url: this.baseUrl },
    };
  }

  private tokenState(token: string): 'ok' | 'expired' | 'invalid' {
    if (this.staticTokens.has(token)) return 'ok';
    const expiresAt = this.tokens.get(token);
    if (expiresAt == null) return 'invalid';
    return expiresAt <= this.now() ? 'expired' : 'ok';
  }

  private log(method: string, route: SimRoute | 'unknown', url: URL, status: number, retryAfter?: string): void {
    this.calls.push({ method, route, path: url.pathname, query: url.search, status, at: this.now(), ...(retryAfter != null ? { retryAfter } : {}) });
    if (this.calls.length > 100_000) this.calls.splice(0, 50_000);
  }
}

/** Like a real API gateway, a body over 1 KB is gzipped for a client that accepts it. */
/** A 200 whose body is not what Zoom sends, made from the real answer. */
function brokenReply(broken: NonNullable<FaultRule['broken']>, real: ZoomReply): ZoomReply {
  const headers = { ...real.headers };
  if (broken === 'empty') return { status: 200, headers, raw: { text: '', type: 'application/json;charset=UTF-8' } };
  if (broken === 'html') return { status: 200, headers, raw: { text: '<!DOCTYPE html><html><head><title>Sign in to the network</title></head><body><p>Accept the terms to continue.</p></body></html>', type: 'text/html; charset=utf-8' } };
  return { status: 200, headers, raw: { text: JSON.stringify(real.body ?? {}).slice(0, broken.truncateAt), type: 'application/json;charset=UTF-8' } };
}

function send(req: http.IncomingMessage, res: http.ServerResponse, reply: ZoomReply): void {
  const headers: Record<string, string> = { ...reply.headers };
  let payload: string | Buffer = '';
  if (reply.raw) {
    payload = reply.raw.text;
    headers['Content-Type'] = reply.raw.type;
  } else if (reply.body !== undefined && reply.status !== 204) {
    payload = JSON.stringify(reply.body);
    headers['Content-Type'] = 'application/json;charset=UTF-8';
    if (payload.length > 1024 && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      payload = gzipSync(payload);
      headers['Content-Encoding'] = 'gzip';
    }
  }
  res.writeHead(reply.status, headers);
  res.end(payload);
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new SimError(413, 300, 'Request body too large.'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '::1']);

function controlRefusal(req: http.IncomingMessage, method: string): ZoomReply | null {
  const { name, port } = parseHost(req.headers.host ?? '');
  if (!LOOPBACK_NAMES.has(name) || port !== req.socket.localPort) {
    return { status: 403, body: { code: 403, message: 'The simulator answers its own address only.' } };
  }
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (method !== 'GET' && method !== 'HEAD' && type !== 'application/json') {
    return { status: 415, body: { code: 415, message: 'The control API takes JSON (Content-Type: application/json).' } };
  }
  return null;
}

function parseJson(raw: string): unknown {
  if (!raw) return null;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}
