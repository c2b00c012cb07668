// The one door every request passes (onRequest, after the router has matched and decoded the path, so
// access is read from the route itself, whatever the URL's spelling): Host, then the route's access,
// then the token or the dashboard's cookie, then, for cookie writes, the Origin.
import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { apiError } from './api-error.js';
import { declaredAccess } from './access.js';
import { sessionCookieOf, type ApiAuth } from './auth.js';
import { COMMON_HEADERS, hostAllowed, sameOrigin } from './door.js';

export type AuthKind = 'token' | 'cookie';

declare module 'fastify' {
  interface FastifyRequest {
    authKind: AuthKind | null;
  }
}

/** The token from `SECURITY_TOKEN_AUTHENTICATION_KEY` (the original's header) or `Authorization: Bearer`. */
function headerToken(headers: IncomingHttpHeaders): string | null {
  const legacy = headers['security_token_authentication_key'];
  if (typeof legacy === 'string' && legacy) return legacy;
  const auth = headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim() || null;
  return null;
}

/** Who is asking: an API token in a header wins; a wrong one is not rescued by a cookie. */
function authKindOf(headers: IncomingHttpHeaders, auth: ApiAuth): AuthKind | null {
  const token = headerToken(headers);
  if (token) return auth.checkApiToken(token) ? 'token' : null;
  const cookie = sessionCookieOf(headers);
  return cookie && auth.checkCookie(cookie) ? 'cookie' : null;
}

/** Who is asking, for the End audit: the dashboard (its login cookie) or an API token by its label. */
export function actorOf(req: FastifyRequest, auth: ApiAuth): string {
  const token = req.authKind === 'token' ? headerToken(req.headers) : null;
  return token ? auth.tokenActor(token) : 'dashboard';
}

/** The onRequest hook. Callback style: no promise per request on the hottest path. */
export function accessGate(auth: ApiAuth, allowedHosts: ReadonlySet<string>) {
  return (req: FastifyRequest, reply: FastifyReply, done: () => void): void => {
    reply.headers(COMMON_HEADERS);
    const access = declaredAccess(req.routeOptions.config);
    // Zoom names the public host in Host: the webhook is checked by its signature instead.
    if (access === 'webhook') return done();
    if (!hostAllowed(req.headers.host, req.socket.localPort, allowedHosts)) {
      return void reply.code(403).send(apiError('forbidden-host', 'This address is not served here. Open the dashboard at http://127.0.0.1 or http://localhost.'));
    }
    // Nothing matched: the not-found handler answers 404 and never data.
    if (req.is404 || access === 'public') return done();
    if (access !== 'token') return void reply.code(403).send(apiError('no-access-declared', 'Refused: this route does not say who may use it.'));
    req.authKind = authKindOf(req.headers, auth);
    if (!req.authKind) {
      return void reply.code(401).send(apiError('unauthorized', 'Missing or wrong API token: send it in the SECURITY_TOKEN_AUTHENTICATION_KEY header, or log in.'));
    }
    // A cookie rides along on any request the browser makes: writes must come from our own page.
    if (req.authKind === 'cookie' && req.method !== 'GET' && req.method !== 'HEAD' && !sameOrigin(req.headers.origin, req.headers.host)) {
      return void reply.code(403).send(apiError('cross-origin', 'Refused: this request did not come from the dashboard.'));
    }
    done();
  };
}
