// Usage: how the rooms were used in a window, as a report (GET /usage) and as a spreadsheet of instances
// (GET /usage/instances.csv). Both read the same instances for the same window, so they agree.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBodySchema, UsageQuerySchema, UsageReportSchema, type UsageInstance, type UsageQuery } from '../../shared/api-schema.js';
import type { Session } from '../../shared/session.js';
import { StoreError } from '../store/session-store.js';
import { instancesCsv } from '../usage/instances-csv.js';
import { checkedTimeZone, usageReport } from '../usage/usage-report.js';
import { apiError } from './api-error.js';

export interface UsageSource {
  instances(range: { from: string; to: string }): Promise<UsageInstance[]>;
  licenses: number | null;
}

interface Deps {
  usage: UsageSource;
  sessions: () => Session[];
  now: () => number;
}

const MAX_WINDOW_MS = 400 * 86_400_000;

/** The window and zone asked for, or the reason they cannot be used. */
function windowOf(q: UsageQuery): { from: number; to: number; tz: string } | string {
  const from = Date.parse(q.from);
  const to = Date.parse(q.to);
  if (!(to > from)) return '`to` must be after `from`.';
  if (to - from > MAX_WINDOW_MS) return 'The window is at most 400 days.';
  const tz = checkedTimeZone(q.tz ?? 'UTC');
  if (!tz) return `Unknown time zone "${(q.tz ?? '').slice(0, 64)}": use an IANA name such as Europe/Stockholm.`;
  return { from, to, tz };
}

export async function usageRoutes(appIn: FastifyInstance, deps: Deps): Promise<void> {
  const app = appIn.withTypeProvider<TypeBoxTypeProvider>();
  const read = async (reply: FastifyReply, q: UsageQuery) => {
    const w = windowOf(q);
    if (typeof w === 'string') return { error: reply.code(400).send(apiError('bad-window', w)) };
    try {
      return { w, instances: await deps.usage.instances({ from: new Date(w.from).toISOString(), to: new Date(w.to).toISOString() }) };
    } catch (e) {
      if (e instanceof StoreError) return { error: reply.code(503).send(apiError('store-unavailable', `The usage history cannot be read now: ${e.message}`)) };
      throw e;
    }
  };
  const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 503: ErrorBodySchema };

  app.get(
    '/usage',
    {
      config: { access: 'token' },
      schema: {
        summary: 'How the rooms were used in a window: hours, meetings, peaks per room, host, day or hour; peak concurrent meetings per day; a weekday x hour heatmap; idle rooms',
        querystring: UsageQuerySchema,
        response: { 200: UsageReportSchema, ...errors },
      },
    },
    async (req, reply) => {
      const got = await read(reply, req.query);
      if ('error' in got) return got.error;
      const rooms = deps.sessions().map((s) => ({ meetingId: s.meetingId, topic: s.topic, hostName: s.hostName ?? s.hostEmail }));
      return usageReport({
        instances: got.instances,
        rooms,
        ...got.w,
        now: deps.now(),
        groupBy: req.query.groupBy ?? 'room',
        licenses: deps.usage.licenses,
        historySince: got.instances[0]?.startedAt ?? null,
      });
    },
  );

  app.get(
    '/usage/instances.csv',
    {
      config: { access: 'token' },
      schema: { summary: 'The instances of a window as CSV (RFC 4180, UTF-8), one row per meeting instance', querystring: UsageQuerySchema, response: errors },
    },
    async (req, reply) => {
      const got = await read(reply, req.query);
      if ('error' in got) return got.error;
      const name = `zoom-usage-${req.query.from.slice(0, 10)}-${req.query.to.slice(0, 10)}.csv`.replace(/[^\w.-]/g, '');
      // Text, not JSON: the reply as Fastify's plain one (the schema's answers are the errors').
      const text: FastifyReply = reply;
      return text
        .type('text/csv; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="${name}"`)
        .send(instancesCsv(got.instances, got.w.from, got.w.to, deps.now()));
    },
  );
}
