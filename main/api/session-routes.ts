// Session routes: the original exercise's four (now JSON) and the rest of /api/v1.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  AliveSchema,
  ErrorBodySchema,
  MeetingIdParamsSchema,
  SessionEnvelopeSchema,
  SessionListSchema,
  SessionsQuerySchema,
  StatusEnvelopeSchema,
  type SessionsQuery,
} from '../../shared/api-schema.js';
import type { Session } from '../../shared/session.js';
import { isZoomError, SessionError } from '../sync/errors.js';
import { apiError, sendZoomError } from './api-error.js';
import type { SessionViews } from './session-views.js';
import type { EventHub, SessionSource } from './sse.js';

export interface ApiEngine extends SessionSource {
  get(meetingId: string): Session | null;
  endMeeting(meetingId: string): Promise<Session | null>;
}

interface Deps {
  engine: ApiEngine;
  views: SessionViews;
  hub: EventHub;
  refresh: () => Promise<unknown>;
  now: () => number;
}

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema };

export function registerSessionRoutes(appIn: FastifyInstance, deps: Deps): void {
  const app = appIn.withTypeProvider<TypeBoxTypeProvider>();
  const { engine, views } = deps;

  /** A list answer: cached bytes, with an ETag so an unchanged list costs a 304. */
  const sendList = (req: FastifyRequest, reply: FastifyReply, query: SessionsQuery): void => {
    const { body, etag } = views.list(query);
    reply.header('ETag', etag).header('Cache-Control', 'no-cache');
    if (req.headers['if-none-match'] === etag) void reply.code(304).send();
    else void reply.type('application/json; charset=utf-8').send(body);
  };
  const listSchema = (summary: string) => ({ summary, response: { 200: SessionListSchema, ...errors } });

  app.get('/api/v1/isalive', { schema: { summary: 'Is the service up (and is the token good)?', response: { 200: AliveSchema, 401: ErrorBodySchema } } }, async () => ({ alive: true }));

  app.get('/api/v1/sessions', { schema: { ...listSchema('All sessions, live first; filter by status and search text'), querystring: SessionsQuerySchema } }, (req, reply) => {
    sendList(req, reply, req.query);
  });
  app.get('/api/v1/sessions/state', { schema: listSchema('Live sessions (the original exercise\'s route)') }, (req, reply) => {
    sendList(req, reply, { status: 'live' });
  });
  app.get('/api/v1/sessions/get-available', { schema: listSchema('Available sessions (the original exercise\'s route)') }, (req, reply) => {
    sendList(req, reply, { status: 'available' });
  });

  app.get(
    '/api/v1/sessions/:meetingId',
    { schema: { summary: 'One session', params: MeetingIdParamsSchema, response: { 200: SessionEnvelopeSchema, 404: ErrorBodySchema, ...errors } } },
    async (req, reply) => {
      const { meetingId } = req.params;
      const session = engine.get(meetingId);
      if (!session) return reply.code(404).send(apiError('not-found', `No session with meeting ID ${meetingId}.`));
      return { session };
    },
  );

  app.post(
    '/api/v1/sessions/:meetingId/end',
    {
      schema: {
        summary: 'End a live meeting in Zoom',
        description: '200 with the session, now available. 404 unknown meeting (or gone from Zoom: zoomCode 3001), 409 not live, 429 Zoom is rate-limiting (Retry-After), 502 any other Zoom error, with its code and message.',
        params: MeetingIdParamsSchema,
        response: { 200: SessionEnvelopeSchema, 404: ErrorBodySchema, 409: ErrorBodySchema, 429: ErrorBodySchema, 502: ErrorBodySchema, ...errors },
      },
    },
    async (req, reply) => {
      const { meetingId } = req.params;
      try {
        const session = await engine.endMeeting(meetingId);
        if (!session) {
          return reply.code(404).send(apiError('meeting-gone', 'This meeting no longer exists in Zoom; it has been removed from the list.', { zoomCode: 3001 }));
        }
        return { session };
      } catch (e) {
        if (e instanceof SessionError) {
          return reply.code(e.code === 'not-found' ? 404 : 409).send(apiError(e.code, e.message));
        }
        if (isZoomError(e)) return sendZoomError(reply, e, deps.now());
        throw e;
      }
    },
  );

  app.get('/api/v1/status', { schema: { summary: 'Sync health', response: { 200: StatusEnvelopeSchema, 401: ErrorBodySchema } } }, async () => ({
    status: engine.status(),
  }));

  app.post(
    '/api/v1/sync',
    { schema: { summary: 'Refresh now: read both Zoom lists at once; changes arrive on /events', response: { 202: StatusEnvelopeSchema, 401: ErrorBodySchema } } },
    async (_req, reply) => {
      deps.refresh().catch(() => undefined); // a failed round shows in the status
      return reply.code(202).send({ status: engine.status() });
    },
  );

  app.get(
    '/api/v1/events',
    { schema: { summary: 'Server-sent events: snapshot, then session / removed / status; resumable with Last-Event-ID' } },
    (req, reply) => {
      reply.hijack();
      const last = req.headers['last-event-id'];
      deps.hub.attach(reply.raw, typeof last === 'string' ? last : undefined);
    },
  );
}
