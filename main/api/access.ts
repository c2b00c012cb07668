// Who may call a route is part of the route: `config: { access }` beside its schema. The router has already
// decoded and matched the path when the check runs, so how a URL is spelled (`/%61pi/…`) cannot skip it.
// A route that declares nothing is refused, and `routeTable()` lists every route with its access for tests.
import type { FastifyInstance, RouteOptions } from 'fastify';

/** token: an API token or the dashboard's cookie. public: anyone who passes the Host check (login page,
 * dashboard files). webhook: Zoom's signed deliveries; checked by their signature, not by Host or token. */
export type Access = 'token' | 'public' | 'webhook';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
}

export interface RouteEntry {
  method: string;
  url: string;
  access: Access | null;
  /** The parts its schema checks: body, querystring, params, response… */
  schemaParts: string[];
}

const ACCESS = new Set<unknown>(['token', 'public', 'webhook']);

export function declaredAccess(config: unknown): Access | null {
  const access = (config as { access?: unknown } | undefined)?.access;
  return ACCESS.has(access) ? (access as Access) : null;
}

/** Records every route as it is added (hooks of the root reach every plugin); call before registering any.
 * `routes` are the options as registered; `table()` lists them with their access, read when asked. */
export function recordRoutes(app: FastifyInstance): { routes: readonly RouteOptions[]; table: () => RouteEntry[] } {
  const routes: RouteOptions[] = [];
  app.addHook('onRoute', (route: RouteOptions) => void routes.push(route));
  const table = () =>
    routes.flatMap((r) => (Array.isArray(r.method) ? r.method : [r.method]).map((method) => ({ method, url: r.url, access: declaredAccess(r.config), schemaParts: Object.keys(r.schema ?? {}) })));
  return { routes, table };
}
