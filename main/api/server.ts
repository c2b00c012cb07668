// The local HTTP API (/api/v1) and the dashboard's files, behind one door (door.ts) and one set of
// keys (auth.ts). Routes are in session-routes.ts and auth-routes.ts; their schemas in shared/api-schema.ts.
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { COOKIE_NAME, type ApiAuth } from './auth.js';
import { allowedHostNames } from './door.js';
import { recordRoutes, type RouteEntry } from './access.js';
import { BODY_LIMIT, errorHandler, notFoundHandler } from './error-handler.js';
import { accessGate, actorOf } from './gate.js';
import { authRoutes } from './auth-routes.js';
import { auditRoutes } from './audit-routes.js';
import { usageRoutes, type UsageSource } from './usage-routes.js';
import { setupRoutes, type AccountSetup } from './setup-routes.js';
import { webhookRoute, type WebhookHandler } from './webhook-route.js';
import { sessionRoutes, type ApiEngine } from './session-routes.js';
import { EventHub, type EventHubOptions } from './sse.js';
import { staticFiles } from './static-files.js';
import { SessionViews } from './session-views.js';
import { lazyCompilers } from './lazy-compilers.js';
import { openApiDocument, type OpenApiHead } from './openapi.js';

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
  /** The usage history (GET /usage, /usage/instances.csv); absent in tests of the session routes alone. */
  usage?: UsageSource;
}

export type Api = FastifyInstance & { routeTable: () => RouteEntry[] };

export const API_PREFIX = '/api/v1';

declare module 'fastify' {
  interface FastifyRequest {
    /** The JSON body as received: webhook signatures are over these exact bytes. */
    rawBody?: string;
  }
  interface FastifyInstance {
    /** The SSE hub: live changes to every dashboard. */
    hub: EventHub;
  }
}

export { BODY_LIMIT };

const OPENAPI: OpenApiHead = {
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
};

/** An empty body is no body (End from the original's clients sends none); anything else must be JSON. */
function parseJson(req: FastifyRequest, body: string | Buffer, done: (err: Error | null, body?: unknown) => void): void {
  const text = body.toString();
  req.rawBody = text;
  if (text === '') return done(null, undefined);
  try {
    done(null, JSON.parse(text));
  } catch {
    done(Object.assign(new Error('The request body is not valid JSON.'), { statusCode: 400, code: 'invalid-json' }), undefined);
  }
}

export async function buildApi(opts: ApiOptions): Promise<Api> {
  // removeAdditional off: a field we do not know is refused (400), not silently dropped.
  const app = Fastify({
    logger: false,
    bodyLimit: BODY_LIMIT,
    return503OnClosing: true,
    ajv: { customOptions: { removeAdditional: false } },
    schemaController: { compilersFactory: lazyCompilers() },
  }).withTypeProvider<TypeBoxTypeProvider>();
  const views = new SessionViews(opts.engine);
  app.decorateRequest('authKind', null);
  app.decorate('hub', new EventHub(opts.engine, { ...opts.sse, sessionsJson: () => views.allSessions() }));
  const recorded = recordRoutes(app);
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: BODY_LIMIT }, parseJson);
  // Before any plugin is registered: a plugin keeps the handlers its parent had when it was registered.
  app.setNotFoundHandler(notFoundHandler);
  app.setErrorHandler(errorHandler(opts.auth));
  app.addHook('onRequest', accessGate(opts.auth, allowedHostNames(opts.host)));

  const now = opts.now ?? (() => Date.now());
  const prefix = API_PREFIX;
  await app.register(sessionRoutes, { prefix, engine: opts.engine, views, refresh: opts.refresh, now, actor: (req) => actorOf(req, opts.auth) });
  await app.register(auditRoutes, { prefix, engine: opts.engine });
  if (opts.usage) await app.register(usageRoutes, { prefix, usage: opts.usage, sessions: () => opts.engine.list(), now });
  await app.register(authRoutes, { prefix, auth: opts.auth });
  if (opts.webhook) await app.register(webhookRoute, { prefix, receiver: opts.webhook });
  if (opts.setup) await app.register(setupRoutes, { prefix, setup: opts.setup, now });
  let openapi: string | null = null;
  app.get(`${prefix}/openapi.json`, { schema: { hide: true }, config: { access: 'public' } }, async (_req, reply) =>
    reply.type('application/json; charset=utf-8').send((openapi ??= JSON.stringify(openApiDocument(OPENAPI, recorded.routes, prefix)))),
  );
  await app.register(staticFiles, { dir: opts.rendererDir, auth: opts.auth });

  // Before the server waits for its connections to end: the open SSE streams would never end by themselves.
  app.addHook('preClose', async () => app.hub.close());
  return Object.assign(app, { routeTable: recorded.table });
}
