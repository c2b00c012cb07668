// GET /api/v1/openapi.json, written from the routes as registered: their schemas are JSON Schema already
// (TypeBox), so the document is a reshaping, done when someone asks. (@fastify/swagger did the same with
// ~370 KB of code, YAML included, loaded at every start.)
import type { RouteOptions } from 'fastify';
import { declaredAccess } from './access.js';

declare module 'fastify' {
  interface FastifySchema {
    /** A line for the OpenAPI document. */
    summary?: string;
    description?: string;
    /** Left out of the document (the dashboard's files, the document itself). */
    hide?: boolean;
  }
}

type Schema = Record<string, unknown> & { properties?: Record<string, Schema>; required?: string[]; description?: string };

export type OpenApiHead = Record<string, unknown> & { openapi: string };

function parameters(where: 'path' | 'query', schema: unknown): object[] {
  const s = schema as Schema | undefined;
  return Object.entries(s?.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return { schema: rest, in: where, name, required: where === 'path' || (s?.required ?? []).includes(name), ...(description ? { description } : {}) };
  });
}

function responses(schemas: Record<string, unknown> | undefined): Record<string, object> {
  if (!schemas) return { 200: { description: 'Default Response' } };
  return Object.fromEntries(
    Object.entries(schemas).map(([code, schema]) => {
      const s = schema as Schema;
      if (s.type === 'null') return [code, { description: s.description ?? 'No content' }];
      return [code, { description: s.description ?? 'Default Response', content: { 'application/json': { schema: s } } }];
    }),
  );
}

function operation(route: RouteOptions): object {
  const schema = (route.schema ?? {}) as Record<string, unknown>;
  const params = [...parameters('path', schema.params), ...parameters('query', schema.querystring)];
  const access = declaredAccess(route.config);
  return {
    ...(schema.summary ? { summary: schema.summary } : {}),
    ...(schema.description ? { description: schema.description } : {}),
    ...(params.length ? { parameters: params } : {}),
    ...(schema.body ? { requestBody: { required: true, content: { 'application/json': { schema: schema.body } } } } : {}),
    // Routes open to anyone (login) or checked by signature (the webhook) need none of the API's keys.
    ...(access === 'public' || access === 'webhook' ? { security: [] } : {}),
    responses: responses(schema.response as Record<string, unknown> | undefined),
  };
}

/** The document for every route under `prefix` that is not hidden; HEAD is GET's shadow and left out. */
export function openApiDocument(head: OpenApiHead, routes: readonly RouteOptions[], prefix: string): object {
  const paths: Record<string, Record<string, object>> = {};
  for (const route of routes) {
    if (!route.url.startsWith(prefix) || (route.schema)?.hide) continue;
    const path = route.url.replace(/:(\w+)/g, '{$1}');
    for (const method of Array.isArray(route.method) ? route.method : [route.method]) {
      if (method === 'HEAD') continue;
      (paths[path] ??= {})[method.toLowerCase()] = operation(route);
    }
  }
  return { ...head, paths };
}
