// Session routes: the original exercise's four (now JSON) and the rest of /api/v1.
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  AliveSchema,
  ErrorBodySchema,
  EventsQuerySchema,
  MeetingIdParamsSchema,
  ParticipantsSchema,
  SessionEnvelopeSchema,
  SessionListSchema,
  SessionsQuerySchema,
  StatusEnvelopeSchema,
  type Participants,
  type SessionsQuery,
} from '../../shared/api-schema.js';
import type { Session } from '../../shared/session.js';
import { isZoomError, SessionError } from '../sync/errors.js';
import { acceptsEncoding } from './accept-encoding.js';
import { apiError, sendSessionError, sendZoomError } from './api-error.js';
import { COMMON_HEADERS } from './door.js';
import type { SessionViews } from './session-views.js';
import type { SessionSource } from './sse.js';
import type { AuditSource } from './audit-routes.js';

export interface ApiEngine extends SessionSource, AuditSource {
  get(meetingId: string): Session | null;
  endMeeting(meetingId: string, by: string): Promise<Session | null>;
  detailsNow(meetingId: string): Promise<Session | null>;
  keep(meetingId: string): Promise<Session>;
  participants(meetingId: string): Promise<Participants | null>;
}

interface Deps {
  engine: ApiEngine;
  views: SessionViews;
  refresh: () => Promise<unknown>;
  now: () => number;
  /** Who asked, for the End audit: 'dashboard' or the API token's label. */
  actor: (req: FastifyRequest) => string;
}

const config = { access: 'token' as const };

const DOOR_HEADER_NAMES = Object.keys(COMMON_HEADERS);

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema };

/** The session routes, registered under /api/v1; every one needs the API token or the dashboard's cookie. */
export async function sessionRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  listRoutes(app, deps);
  meetingRoutes(app, deps);
  keepRoute(app, deps);
  detailsRoute(app, deps);
  syncRoutes(app, deps);
}

/** The lists: the original exercise's three and the filtered one. */
function listRoutes(appIn: FastifyInstance, { views }: Deps): void {
  const app = appIn.withTypeProvider<TypeBoxTypeProvider>();
  /** A list answer: cached bytes, with an ETag so an unchanged list costs a 304. */
  const sendList = async (req: FastifyRequest, reply: FastifyReply, query: SessionsQuery): Promise<void> => {
    const cached = views.list(query);
    // Read with the body, before any await: the stream after this id holds every change the body lacks.
    reply.header('X-Event-Id', app.hub.lastEventId());
    reply.header('ETag', cached.etag).header('Cache-Control', 'no-cache').header('Vary', 'Accept-Encoding');
    if (req.headers['if-none-match'] === cached.etag) {
      // A 304 carries what guides the cache (RFC 9110 §15.4.5: ETag, Cache-Control, Vary, Date). The door's
      // headers are about a body it does not send, and the stored 200 keeps them: five fewer headers to write
      // and parse on a poller's most common answer.
      for (const name of DOOR_HEADER_NAMES) reply.removeHeader(name);
      return void reply.code(304).send();
    }
    reply.type('application/json; charset=utf-8');
    const body = acceptsEncoding(req.headers['accept-encoding'], 'gzip') ? (reply.header('Content-Encoding', 'gzip'), await cached.gzip()) : cached;
    // The cached pieces themselves, written in turn: no copy of the whole per answer (byte-chunks.ts).
    reply.header('Content-Length', body.length).send(Readable.from(body.chunks));
    // Settled once sent: a stream is still on its way when send() returns, and Fastify answers again for a
    // handler whose promise settles before the reply is out.
    await reply;
  };
  const listSchema = (summary: string) => ({ summary, response: { 200: SessionListSchema, ...errors } });

  app.get('/isalive', { config, schema: { summary: 'Is the service up (and is the token good)?', response: { 200: AliveSchema, 401: ErrorBodySchema } } }, async () => ({ alive: true }));

  app.get('/sessions', { config, schema: { ...listSchema('All sessions, live first; filter by status and search text'), querystring: SessionsQuerySchema } }, (req, reply) => sendList(req, reply, req.query));
  app.get('/sessions/state', { config, schema: listSchema('Live sessions (the original exercise\'s route)') }, (req, reply) => sendList(req, reply, { status: 'live' }));
  app.get('/sessions/get-available', { config, schema: listSchema('Available sessions (the original exercise\'s route)') }, (req, reply) => sendList(req, reply, { status: 'available' }));
}

/** One meeting, and End. */
function meetingRoutes(appIn: FastifyInstance, { engine, now, actor }: Deps): void {
  const app = appIn.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/sessions/:meetingId',
    { config, schema: { summary: 'One session', params: MeetingIdParamsSchema, response: { 200: SessionEnvelopeSchema, 404: ErrorBodySchema, ...errors } } },
    async (req, reply) => {
      const { meetingId } = req.params;
      const session = engine.get(meetingId);
      if (!session) return reply.code(404).send(apiError('not-found', `No session with meeting ID ${meetingId}.`));
      return { session };
    },
  );

  app.post(
    '/sessions/:meetingId/end',
    {
      config,
      schema: {
        summary: 'End a live meeting in Zoom',
        description: 'Recorded in the End audit with who asked and Zoom\'s answer. 200 with the session, now available. 404 unknown meeting (or gone from Zoom: zoomCode 3001), 409 not live, 429 Zoom is rate-limiting (Retry-After), 502 any other Zoom error, with its code and message.',
        params: MeetingIdParamsSchema,
        response: { 200: SessionEnvelopeSchema, 404: ErrorBodySchema, 409: ErrorBodySchema, 429: ErrorBodySchema, 502: ErrorBodySchema, ...errors },
      },
    },
    async (req, reply) => {
      const { meetingId } = req.params;
      try {
        const session = await engine.endMeeting(meetingId, actor(req));
        if (!session) {
          return reply.code(404).send(apiError('meeting-gone', 'This meeting no longer exists in Zoom; it has been removed from the list.', { zoomCode: 3001 }));
        }
        return { session };
      } catch (e) {
        if (e instanceof SessionError) return sendSessionError(reply, e);
        if (isZoomError(e)) return sendZoomError(reply, e, now());
        throw e;
      }
    },
  );
}

/** Keep running: a meeting flagged as forgotten that someone means to keep. Who is in a live meeting. */
function keepRoute(appIn: FastifyInstance, { engine }: Deps): void {
  const app = appIn.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/sessions/:meetingId/participants',
    {
      config,
      schema: {
        summary: 'Who is in a live meeting, by name',
        description: "From Zoom's join and leave events, else from its Dashboard (asked now, at most once a minute, kept a minute); held in memory only. 200 (a Zoom refusal is said in `note`); 404 unknown meeting; 409 not live.",
        params: MeetingIdParamsSchema,
        response: { 200: ParticipantsSchema, 404: ErrorBodySchema, 409: ErrorBodySchema, ...errors },
      },
    },
    async (req, reply) => {
      try {
        const found = await engine.participants(req.params.meetingId);
        if (!found) return reply.code(404).send(apiError('not-found', `No session with meeting ID ${req.params.meetingId}.`));
        return found;
      } catch (e) {
        if (e instanceof SessionError) return sendSessionError(reply, e);
        throw e;
      }
    },
  );
  app.post(
    '/sessions/:meetingId/keep',
    {
      config,
      schema: {
        summary: 'Keep a live meeting running: it needs no attention, and the auto-end policy leaves it',
        description: 'For this instance of the meeting only. 200 with the session, 404 unknown meeting, 409 not live.',
        params: MeetingIdParamsSchema,
        response: { 200: SessionEnvelopeSchema, 404: ErrorBodySchema, 409: ErrorBodySchema, ...errors },
      },
    },
    async (req, reply) => {
      try {
        return { session: await engine.keep(req.params.meetingId) };
      } catch (e) {
        if (e instanceof SessionError) return sendSessionError(reply, e);
        throw e;
      }
    },
  );
}

/** Join and Copy: a meeting's link and passcode, read now when the background has not got to them. */
function detailsRoute(appIn: FastifyInstance, { engine, now }: Deps): void {
  const app = appIn.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/sessions/:meetingId/details',
    {
      config,
      schema: {
        summary: 'Read a meeting\'s join link and passcode from Zoom now',
        description: 'For Join and Copy: the background reads passcodes soonest meeting first; this one goes ahead of it when not known yet (one Light call). 200 with the session, 404 unknown meeting, 429 Zoom is rate-limiting, 502 any other Zoom error.',
        params: MeetingIdParamsSchema,
        response: { 200: SessionEnvelopeSchema, 404: ErrorBodySchema, 429: ErrorBodySchema, 502: ErrorBodySchema, ...errors },
      },
    },
    async (req, reply) => {
      const { meetingId } = req.params;
      try {
        const session = await engine.detailsNow(meetingId);
        if (!session) return reply.code(404).send(apiError('not-found', `No session with meeting ID ${meetingId}.`));
        return { session };
      } catch (e) {
        if (isZoomError(e)) return sendZoomError(reply, e, now());
        throw e;
      }
    },
  );
}

/** Sync health, Refresh now, and the live stream. */
function syncRoutes(appIn: FastifyInstance, { engine, refresh }: Deps): void {
  const app = appIn.withTypeProvider<TypeBoxTypeProvider>();
  app.get('/status', { config, schema: { summary: 'Sync health', response: { 200: StatusEnvelopeSchema, 401: ErrorBodySchema } } }, async () => ({
    status: engine.status(),
  }));

  app.post(
    '/sync',
    { config, schema: { summary: 'Refresh now: read both Zoom lists at once; changes arrive on /events', response: { 202: StatusEnvelopeSchema, 401: ErrorBodySchema } } },
    async (_req, reply) => {
      refresh().catch(() => undefined); // a failed round shows in the status
      return reply.code(202).send({ status: engine.status() });
    },
  );

  app.get(
    '/events',
    {
      config,
      schema: {
        summary: 'Server-sent events: snapshot, then session / removed / status; resumable with Last-Event-ID',
        description: 'With `after` (a list answer\'s X-Event-Id) the stream starts with what changed since that list instead of a snapshot; a Last-Event-ID header, sent by a reconnecting EventSource, goes first.',
        querystring: EventsQuerySchema,
        response: { 400: ErrorBodySchema, 401: ErrorBodySchema },
      },
    },
    (req, reply) => {
      reply.hijack();
      const last = req.headers['last-event-id'];
      app.hub.attach(reply.raw, typeof last === 'string' ? last : req.query.after);
    },
  );
}
