// The built dashboard: index.html never cached, hashed assets cached for a year, only files that exist
// at start are routed (no traversal), a strict CSP. `/?token=CODE` redeems a one-time login link.
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { defaultAccess } from './access.js';
import { COOKIE_TTL_MS, setSessionCookie, type ApiAuth } from './auth.js';
import { LOGIN_LINK_SPENT } from '../../shared/login-link.js';
import { CONTENT_SECURITY_POLICY } from './door.js';

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>zoom-sessions</title>
<p>The dashboard is not built yet. Run <code>npm run build</code>, then reload. The API answers at <code>/api/v1</code>.</p>`;

/** Public: the page and its assets hold no data (the data comes from the API, behind the token). */
export async function staticFiles(app: FastifyInstance, opts: { dir: string | null; auth: ApiAuth }): Promise<void> {
  defaultAccess(app, 'public');
  const index = opts.dir ? path.join(opts.dir, 'index.html') : null;
  const built = index != null && fs.existsSync(index);
  if (built) {
    await app.register(fastifyStatic, {
      root: opts.dir!,
      wildcard: false, // a route per file found at start: nothing else under / is ever read
      index: false,
      serve: true,
      cacheControl: false, // ours below: long for hashed assets, revalidate for the rest
      preCompressed: true, // the build writes .br and .gz beside each asset
      setHeaders(reply, file) {
        const hashed = file.includes(`${path.sep}assets${path.sep}`);
        reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
        reply.header('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }

  app.get('/', { schema: { hide: true }, config: { access: 'public' } }, async (req, reply) => {
    const code = (req.query as { token?: unknown }).token;
    if (typeof code === 'string' && code) {
      // The link works once; either way the token leaves the address bar.
      const cookie = await opts.auth.redeemLoginCode(code);
      if (cookie) setSessionCookie(reply, cookie, COOKIE_TTL_MS);
      // A spent link says so on the login page rather than just asking for a token.
      return reply.code(303).header('Location', cookie ? '/' : `/${LOGIN_LINK_SPENT}`).header('Cache-Control', 'no-store').send();
    }
    reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY).header('Cache-Control', 'no-cache').type('text/html; charset=utf-8');
    if (!built) return reply.code(503).send(NOT_BUILT);
    return reply.send(fs.createReadStream(index));
  });
}
