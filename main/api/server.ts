// The local HTTP API (/api/v1). Every route is behind the API token.
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { SyncEngine } from '../sync/engine.js';
import { tokenMatches } from './tokens.js';

export interface ApiOptions {
  engine: SyncEngine;
  /** Current token hashes (read on each request, so a revoke takes effect at once). */
  tokenHashes: () => Promise<string[]>;
}

export interface ApiError {
  error: { code: string; message: string; zoomCode?: number };
}

function apiError(code: string, message: string): ApiError {
  return { error: { code, message } };
}

/** The token from `SECURITY_TOKEN_AUTHENTICATION_KEY` (the original's header) or `Authorization: Bearer`. */
function presentedToken(req: FastifyRequest): string | null {
  const legacy = req.headers['security_token_authentication_key'];
  if (typeof legacy === 'string' && legacy) return legacy;
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim() || null;
  return null;
}

export function buildApi(opts: ApiOptions): FastifyInstance {
  // Node drops headers with underscores only behind some proxies; Node itself keeps them.
  const app = Fastify({ logger: false, bodyLimit: 16 * 1024 });

  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    const token = presentedToken(req);
    if (!token || !tokenMatches(token, await opts.tokenHashes())) {
      return reply
        .code(401)
        .send(apiError('unauthorized', 'Missing or wrong API token: send it in the SECURITY_TOKEN_AUTHENTICATION_KEY header.'));
    }
  });

  app.get('/api/v1/isalive', async () => ({ alive: true }));

  app.get('/api/v1/sessions', async () => ({
    sessions: opts.engine.list(),
    status: opts.engine.status(),
  }));

  app.setNotFoundHandler((req, reply) => {
    void reply.code(404).send(apiError('not-found', `No route ${req.method} ${req.url.split('?')[0]}.`));
  });
  app.setErrorHandler((err: { statusCode?: number; message: string }, _req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    void reply.code(status).send(apiError(status === 500 ? 'internal' : 'bad-request', status === 500 ? 'Internal error.' : err.message));
  });
  return app;
}
