// The local HTTP API (/api/v1) and the dashboard's files, behind one door (door.ts) and one set of
// keys (auth.ts). Routes are in session-routes.ts and auth-routes.ts; their schemas in shared/api-schema.ts.
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { apiError } from './api-error.js';
import { StoreError } from '../store/session-store.js';
import type { ApiAuth } from './auth.js';
import { COOKIE_NAME, readCookie } from './auth.js';
import { allowedHostNames, COMMON_HEADERS, hostAllowed, sameOrigin } from './door.js';
import { declaredAccess, recordRoutes, type RouteEntry } from './access.js';
import { authRoutes } from './auth-routes.js';
import { setupRoutes, type AccountSetup } from './setup-routes.js';
import { webhookRoute, type WebhookHandler } from './webhook-route.js';
import { sessionRoutes, type ApiEngine } from './session-routes.js';
import { EventHub, type EventHubOptions } from './sse.js';
import { staticFiles } from './static-files.js';
import { SessionViews } from './session-views.js';

export interface ApiOptions {
  engine: ApiEngine;
  auth: ApiAuth;
  /** Zoom webhooks at /api/v1/zoom/webhook (signed, not behind the API token); absent when not configured. */
  webhook?: WebhookHandler;
  /** First-run setup and "Zoom account…"; absent in tests of the session routes alone. */
  setup?: AccountSetup;
  /** The host we listen on: its name is allowed in Host headers besides the loopback names. */
  host: string;
  /** "Refresh now": both Zoom lists at once. */
  refresh: () => Promise<unknown>;
  /** The built dashboard (index.html + assets/), or null when it is not built. */
  rendererDir: string | null;
  sse?: EventHubOptions;
  now?: () => number;
}

export type Api = FastifyInstance & { hub: EventHub; routeTable: () => RouteEntry[] };

export const API_PREFIX = '/api/v1';

export type AuthKind = 'token' | 'cookie';

declare module 'fastify' {
  interface FastifyRequest {
    authKind: AuthKind | null;
    /** The JSON body as received: webhook signatures are over these exact bytes. */
    rawBody?: string;
  }
}

export const BODY_LIMIT = 16 * 1024;

/** The token from `SECURITY_TOKEN_AUTHENTICATION_KEY` (the original's header) or `Authorization: Bearer`. */
function headerToken(req: FastifyRequest): string | null {
  const legacy = req.headers['security_token_authentication_key'];
  if (typeof legacy === 'string' && legacy) return legacy;
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim() || null;
  return null;
}

export async function buildApi(opts: ApiOptions): Promise<Api> {
  // removeAdditional off: a field we do not know is refused (400), not silently dropped.
  const app = Fastify({ logger: false, bodyLimit: BODY_LIMIT, return503OnClosing: true, ajv: { customOptions: { removeAdditional: false } } }).withTypeProvider<TypeBoxTypeProvider>();
  const hub = new EventHub(opts.engine, opts.sse);
  const views = new SessionViews(opts.engine);
  const allowed = allowedHostNames(opts.host);
  app.decorateRequest('authKind', null);
  const routeTable = recordRoutes(app);

  // An empty body is no body (End from the original's clients sends none); anything else must be JSON.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: BODY_LIMIT }, (req, body, done) => {
    req.rawBody = body as string;
    if (body === '') return done(null, undefined);
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(Object.assign(new Error('The request body is not valid JSON.'), { statusCode: 400, code: 'invalid-json' }), undefined);
    }
  });

  // Callback-style hooks: no promise per request on the hottest path. The router has matched (and decoded)
  // the path before onRequest runs, so access is read from the route itself, whatever the URL's spelling.
  app.addHook('onRequest', (req: FastifyRequest, reply: FastifyReply, done: () => void) => {
    reply.headers(COMMON_HEADERS);
    const access = declaredAccess(req.routeOptions.config);
    // Zoom names the public host in Host: the webhook is checked by its signature instead.
    if (access === 'webhook') return done();
    if (!hostAllowed(req.headers.host, req.socket.localPort, allowed)) {
      return void reply.code(403).send(apiError('forbidden-host', 'This address is not served here. Open the dashboard at http://127.0.0.1 or http://localhost.'));
    }
    // Nothing matched: the not-found handler answers 404 and never data.
    if (req.is404 || access === 'public') return done();
    if (access !== 'token') {
      return void reply.code(403).send(apiError('no-access-declared', 'Refused: this route does not say who may use it.'));
    }
    const token = headerToken(req);
    if (token && opts.auth.checkApiToken(token)) req.authKind = 'token';
    else {
      const cookie = readCookie(req.headers.cookie, COOKIE_NAME);
      if (!token && cookie && opts.auth.checkCookie(cookie)) req.authKind = 'cookie';
    }
    if (!req.authKind) {
      return void reply.code(401).send(apiError('unauthorized', 'Missing or wrong API token: send it in the SECURITY_TOKEN_AUTHENTICATION_KEY header, or log in.'));
    }
    // A cookie rides along on any request the browser makes: writes must come from our own page.
    if (req.authKind === 'cookie' && req.method !== 'GET' && req.method !== 'HEAD' && !sameOrigin(req.headers.origin, req.headers.host)) {
      return void reply.code(403).send(apiError('cross-origin', 'Refused: this request did not come from the dashboard.'));
    }
    done();
  });

  // Before any plugin is registered: a plugin keeps the handlers its parent had when it was registered.
  app.setNotFoundHandler((req, reply) => {
    void reply.code(404).send(apiError('not-found', `Nothing at ${req.method} ${req.url.split('?')[0]}.`));
  });
  // A full or unwritable disk (or a database away) is one line in the log per episode, not a stack per request.
  let storeTrouble: string | null = null;
  opts.auth.onStoreHealth((ok) => void (ok && (storeTrouble = null)));
  const sendStoreError = (reply: FastifyReply, e: StoreError) => {
    if (storeTrouble !== e.code) process.stderr.write(`api: ${e.message}\n`);
    storeTrouble = e.code;
    const status = e.code === 'full' ? 507 : 503;
    const message = e.code === 'full' ? 'The disk holding the data dir is full: free some space, then try again. Nothing was changed.' : `${e.message} Nothing was changed.`;
    return reply.code(status).send(apiError(e.code === 'full' ? 'disk-full' : 'store-unavailable', message));
  };
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof StoreError) return sendStoreError(reply, err);
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 500) {
      process.stderr.write(`api: ${err.stack ?? err.message}\n`);
      return reply.code(500).send(apiError('internal', 'Something went wrong on our side; the sessions are unchanged.'));
    }
    if (err.validation && err.validationContext === 'params') {
      // `/sessions/` names no meeting: nothing is there.
      if (Object.values(req.params as object).some((v) => v === '')) return reply.code(404).send(apiError('not-found', `Nothing at ${req.method} ${req.url.split('?')[0]}.`));
      return reply.code(400).send(apiError('invalid-meeting-id', 'A meeting ID is digits only, like 81234567890.'));
    }
    const code = err.validation ? 'invalid-request' : status === 413 ? 'body-too-large' : status === 415 ? 'unsupported-media-type' : err.code === 'invalid-json' ? 'invalid-json' : 'bad-request';
    const message = status === 413 ? `The request body is larger than ${BODY_LIMIT / 1024} KB.` : err.message;
    return reply.code(status).send(apiError(code, message));
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'zoom-sessions local API',
        version: '1',
        description: 'Which Zoom meetings are live now, which are available, and End. Loopback only by default.',
      },
      components: {
        securitySchemes: {
          legacyHeader: { type: 'apiKey', in: 'header', name: 'SECURITY_TOKEN_AUTHENTICATION_KEY' },
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: COOKIE_NAME },
        },
      },
      security: [{ legacyHeader: [] }, { bearer: [] }, { cookie: [] }],
    },
  });

  const now = opts.now ?? Date.now;
  const prefix = API_PREFIX;
  await app.register(sessionRoutes, { prefix, engine: opts.engine, views, hub, refresh: opts.refresh, now });
  await app.register(authRoutes, { prefix, auth: opts.auth });
  if (opts.webhook) await app.register(webhookRoute, { prefix, receiver: opts.webhook });
  if (opts.setup) await app.register(setupRoutes, { prefix, setup: opts.setup, now });
  app.get(`${prefix}/openapi.json`, { schema: { hide: true }, config: { access: 'public' } }, async () => app.swagger());
  await app.register(staticFiles, { dir: opts.rendererDir, auth: opts.auth });

  // Before the server waits for its connections to end: the open SSE streams would never end by themselves.
  app.addHook('preClose', async () => hub.close());
  return Object.assign(app, { hub, routeTable });
}
