// The End audit: every End, who asked and what Zoom answered, newest first, a page at a time.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AuditPageSchema, AuditQuerySchema, ErrorBodySchema, type AuditEntry } from '../../shared/api-schema.js';
import { apiError } from './api-error.js';
import { StoreError } from '../store/session-store.js';

export interface AuditSource {
  audit(query: { limit: number; before?: string | null }): Promise<AuditEntry[]>;
}

export async function auditRoutes(appIn: FastifyInstance, { engine }: { engine: AuditSource }): Promise<void> {
  const app = appIn.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/audit',
    {
      config: { access: 'token' },
      schema: {
        summary: 'The End audit: every End, who asked and what Zoom answered (kept 90 days)',
        description: "Newest first. `next` is the `before` of the following page. 503 when the store cannot be read (MongoDB unreachable).",
        querystring: AuditQuerySchema,
        response: { 200: AuditPageSchema, 400: ErrorBodySchema, 401: ErrorBodySchema, 503: ErrorBodySchema },
      },
    },
    async (req, reply) => {
      const limit = req.query.limit ?? 50;
      try {
        // One more than asked for tells whether there is a next page.
        const found = await engine.audit({ limit: limit + 1, before: req.query.before ?? null });
        const entries = found.slice(0, limit);
        return { entries, next: found.length > limit ? entries.at(-1)!.at : null };
      } catch (e) {
        if (e instanceof StoreError) return reply.code(503).send(apiError('store-unavailable', `The End audit cannot be read now: ${e.message}`));
        throw e;
      }
    },
  );
}
