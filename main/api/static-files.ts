// The built dashboard: index.html revalidated on every load, hashed assets cached for a year, only files
// that exist at start are routed (no traversal), a strict CSP. `/?token=CODE` redeems a one-time login link.
//
// Served by hand, not by @fastify/static: loading it (with send, glob and mime) took ~55 ms of a ~0.42 s
// start (median of 30 paired starts) for a handful of files that the build compresses ahead.
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { acceptsEncoding, type Coding } from './accept-encoding.js';
import { COOKIE_TTL_MS, setSessionCookie, type ApiAuth } from './auth.js';
import { LOGIN_LINK_SPENT } from '../../shared/login-link.js';
import { CONTENT_SECURITY_POLICY } from './door.js';

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>zoom-sessions</title>
<p>The dashboard is not built yet. Run <code>npm run build</code>, then reload. The API answers at <code>/api/v1</code>.</p>`;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** A file of the dashboard and the compressed copies the build wrote beside it (file.br, file.gz). */
interface DashboardFile {
  url: string;
  file: string;
  type: string;
  cacheControl: string;
  coded: Partial<Record<Coding, string>>;
}

/** The folder's files, each once: a `.br` or `.gz` beside its original is a coding of it, not a page. Only
 * plain names (letters, digits, `._-/`) become routes: a `:` or `*` would be a pattern to the router. */
function dashboardFiles(dir: string): DashboardFile[] {
  const names = new Set((fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile()));
  const isCopy = (f: string) => /\.(br|gz)$/.test(f) && names.has(f.slice(0, -3));
  return [...names]
    .filter((f) => !isCopy(f) && /^[\w.-]+$/.test(f.split(path.sep).join('')))
    .sort()
    .map((f) => {
      const coded: DashboardFile['coded'] = {};
      if (names.has(`${f}.br`)) coded.br = path.join(dir, `${f}.br`);
      if (names.has(`${f}.gz`)) coded.gzip = path.join(dir, `${f}.gz`);
      const hashed = f.startsWith(`assets${path.sep}`);
      return {
        url: `/${f.split(path.sep).join('/')}`,
        file: path.join(dir, f),
        type: TYPES[path.extname(f).toLowerCase()] ?? 'application/octet-stream',
        cacheControl: hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
        coded,
      };
    });
}

/** Brotli, else gzip, where the build wrote one and the client takes it; else the file as it is. */
function pickCoding(f: DashboardFile, acceptEncoding: string | undefined): { coding: Coding | null; file: string } {
  for (const coding of ['br', 'gzip'] as const) {
    const file = f.coded[coding];
    if (file && acceptsEncoding(acceptEncoding, coding)) return { coding, file };
  }
  return { coding: null, file: f.file };
}

/** The file (or its chosen coding) with a validator, or a 304 when the client holds those very bytes. Read
 * through the handle it was measured by, so Content-Length is the length of what is sent. */
async function sendFile(req: FastifyRequest, reply: FastifyReply, f: DashboardFile) {
  const { coding, file } = pickCoding(f, req.headers['accept-encoding']);
  const handle = await fs.promises.open(file, 'r').catch(() => null);
  const stat = await handle?.stat().catch(() => null);
  if (!handle || !stat?.isFile()) {
    await handle?.close();
    return reply.callNotFound(); // removed since start (a rebuild under a running service)
  }
  const etag = `W/"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
  reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY).header('Cache-Control', f.cacheControl).header('ETag', etag);
  if (Object.keys(f.coded).length > 0) reply.header('Vary', 'Accept-Encoding');
  if (matches(req.headers['if-none-match'], etag)) {
    await handle.close();
    return reply.code(304).send();
  }
  if (coding) reply.header('Content-Encoding', coding);
  return reply.type(f.type).header('Content-Length', stat.size).send(handle.createReadStream());
}

/** If-None-Match holds this ETag (weak comparison, RFC 9110 §13.1.2), or is `*`. */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const strip = (t: string) => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => t.trim() === '*' || strip(t) === strip(etag));
}

/** Public: the page and its assets hold no data (the data comes from the API, behind the token). */
export async function staticFiles(app: FastifyInstance, opts: { dir: string | null; auth: ApiAuth }): Promise<void> {
  const files = opts.dir && fs.existsSync(path.join(opts.dir, 'index.html')) ? dashboardFiles(opts.dir) : [];
  const index = files.find((f) => f.url === '/index.html');
  const route = { schema: { hide: true }, config: { access: 'public' as const } };
  for (const f of files) app.get(f.url, route, (req, reply) => sendFile(req, reply, f));

  app.get('/', route, async (req, reply) => {
    const code = (req.query as { token?: unknown }).token;
    if (typeof code === 'string' && code) {
      // The link works once; either way the token leaves the address bar.
      const cookie = await opts.auth.redeemLoginCode(code);
      if (cookie) setSessionCookie(reply, cookie, COOKIE_TTL_MS);
      // A spent link says so on the login page rather than just asking for a token.
      return reply.code(303).header('Location', cookie ? '/' : `/${LOGIN_LINK_SPENT}`).header('Cache-Control', 'no-store').send();
    }
    if (index) return sendFile(req, reply, index);
    reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY).header('Cache-Control', 'no-cache').type('text/html; charset=utf-8');
    return reply.code(503).send(NOT_BUILT);
  });
}
