// Zoom's REST routes as the simulator answers them: bodies, paging and error bodies in Zoom's shape.
import { participantFields, SimAccount, SimError, type SimMeeting } from './account.js';
import type { SimRoute } from './faults.js';
import { callAllowed, ZOOM_CALLS, type ZoomCallName } from '../../shared/zoom-calls.js';
import type { SimRateLimits } from './rate-limits.js';

export interface ZoomReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** A body sent as it is, not as JSON (a broken answer: a proxy's HTML page, a cut-off JSON). */
  raw?: { text: string; type: string };
}

export interface ZoomRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

export interface ZoomRouteContext {
  account: SimAccount;
  /** The app's scopes. */
  granted: ReadonlySet<string>;
  limits: SimRateLimits;
  now: () => number;
}

interface RouteDef {
  name: ZoomCallName & SimRoute;
  method: string;
  pattern: RegExp;
  handle(ctx: ZoomRouteContext, req: ZoomRequest, m: RegExpMatchArray): ZoomReply;
}

const MAX_PAGE = 300;

/** How long Zoom honours a next_page_token. */
export const PAGE_TOKEN_TTL_MS = 15 * 60_000;

/** One page of a list, as Zoom pages: a next_page_token that lives 15 minutes (then 400, code 300). */
function page<T>(items: T[], query: URLSearchParams, key: string, now: number): Record<string, unknown> {
  const size = Math.min(MAX_PAGE, Math.max(1, Number(query.get('page_size') ?? 30) || 30));
  const token = query.get('next_page_token');
  let offset = 0;
  if (token) {
    const [at, issued] = Buffer.from(token, 'base64url').toString().split('.').map(Number);
    if (!Number.isInteger(at) || at! < 0 || !Number.isFinite(issued) || now - issued! > PAGE_TOKEN_TTL_MS) {
      throw new SimError(400, 300, 'The next page token is invalid or expired.');
    }
    offset = at!;
  }
  const slice = items.slice(offset, offset + size);
  const next = offset + size < items.length ? Buffer.from(`${offset + size}.${now}`).toString('base64url') : '';
  return {
    page_size: size,
    total_records: items.length,
    next_page_token: next,
    [key]: slice,
  };
}

/** The days of a Dashboard query, checked as Zoom checks them: both given, at most a month apart. */
function dayRange(q: URLSearchParams): { from: string; to: string } {
  const from = q.get('from');
  const to = q.get('to');
  if (!from || !to) throw new SimError(400, 300, 'The from and to fields are required.');
  const span = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  if (!(span >= 0)) throw new SimError(400, 300, 'The to date must be on or after the from date.');
  if (span > 31) throw new SimError(400, 300, 'The date range should be within one month.');
  return { from, to };
}

/** Whether an ISO time falls on one of the days from..to (UTC, inclusive). */
const onDays = (iso: string, { from, to }: { from: string; to: string }) => iso.slice(0, 10) >= from && iso.slice(0, 10) <= to;

/** A meeting as Zoom lists it: a scheduled list gives its booking (start and minutes), a live list when
 * this instance began. */
function meetingSummary(a: SimAccount, m: SimMeeting, listed: 'booking' | 'live' = 'booking') {
  return {
    uuid: m.live?.uuid ?? `${m.id}-uuid`,
    id: m.id,
    host_id: m.hostId,
    topic: m.topic,
    type: m.type,
    start_time: (listed === 'live' ? m.live?.startedAt : undefined) ?? m.startTime ?? undefined,
    duration: m.duration,
    timezone: 'UTC',
    created_at: m.createdAt,
    join_url: a.joinUrl(m),
  };
}

/** The Dashboard's past meetings that started on the days from..to (UTC, inclusive): `past` those more than one
 * person attended, `pastOne` those only one did (Zoom lists each under one type only). */
function pastMeetings(account: SimAccount, q: URLSearchParams, type: 'past' | 'pastOne') {
  const days = dayRange(q);
  return account.past
    .filter((p) => onDays(p.startedAt, days) && (type === 'pastOne') === p.participants <= 1)
    .map((p) => {
      const host = account.users.get(p.hostId);
      const seconds = Math.round((Date.parse(p.endedAt) - Date.parse(p.startedAt)) / 1000);
      const hms = [Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60].map((n) => String(n).padStart(2, '0')).join(':');
      return { uuid: p.uuid, id: p.id, topic: p.topic, host: host ? `${host.firstName} ${host.lastName}`.trim() : '', email: host?.email ?? '', user_type: 'Licensed', start_time: p.startedAt, end_time: p.endedAt, duration: hms, participants: p.participants };
    });
}

function meetingId(raw: string): number {
  if (!/^\d{9,12}$/.test(raw)) throw new SimError(404, 3001, `Meeting does not exist: ${raw}.`);
  return Number(raw);
}

const routes: RouteDef[] = [
  {
    name: 'users',
    method: 'GET',
    pattern: /^\/users$/,
    handle({ account, now }, req) {
      const status = req.query.get('status') ?? 'active';
      const users = [...account.users.values()]
        .filter((u) => u.status === status)
        .map((u) => ({
          id: u.id,
          first_name: u.firstName,
          last_name: u.lastName,
          display_name: `${u.firstName} ${u.lastName}`.trim(),
          email: u.email,
          type: 2,
          pmi: u.pmi,
          timezone: 'UTC',
          verified: 1,
          status: u.status,
        }));
      return { status: 200, body: page(users, req.query, 'users', now()) };
    },
  },
  {
    name: 'user-meetings',
    method: 'GET',
    pattern: /^\/users\/([^/]+)\/meetings$/,
    handle({ account, now }, req, m) {
      const key = decodeURIComponent(m[1]!);
      const user = [...account.users.values()].find((u) => u.id === key || u.email === key);
      if (!user) throw new SimError(404, 1001, 'User does not exist: ' + key + '.');
      const type = req.query.get('type') ?? 'scheduled';
      // Zoom's List meetings never returns instant meetings (type 1), live or not.
      const mine = [...account.meetings.values()].filter((x) => x.hostId === user.id && x.type !== 1);
      let list: SimMeeting[];
      if (type === 'live') list = mine.filter((x) => x.live);
      else if (type === 'scheduled') list = mine.filter((x) => x.type === 2 || x.type === 3 || x.type === 8);
      else if (type === 'upcoming' || type === 'upcoming_meetings') list = mine.filter((x) => x.type === 2 || x.type === 8 || x.live);
      else throw new SimError(400, 300, `Invalid field: type ${type}.`);
      return { status: 200, body: page(list.map((x) => meetingSummary(account, x, type === 'live' ? 'live' : 'booking')), req.query, 'meetings', now()) };
    },
  },
  {
    name: 'dashboard',
    method: 'GET',
    pattern: /^\/metrics\/meetings$/,
    handle({ account, now }, req) {
      const { from, to } = dayRange(req.query);
      const type = req.query.get('type') ?? 'live';
      if (type === 'past' || type === 'pastOne') return { status: 200, body: { from, to, ...page(pastMeetings(account, req.query, type), req.query, 'meetings', now()) } };
      if (type !== 'live') throw new SimError(400, 300, `Invalid field: type ${type}.`);
      // Live meetings that started within the days asked for: one live since before `from` is not listed.
      const items = account.liveMeetings().filter((m) => onDays(m.live!.startedAt, { from, to })).map((m) => {
        const host = account.users.get(m.hostId);
        return {
          uuid: m.live!.uuid,
          id: m.id,
          topic: m.topic,
          host: host ? `${host.firstName} ${host.lastName}`.trim() : '',
          email: host?.email ?? '',
          user_type: 'Licensed',
          start_time: m.live!.startedAt,
          duration: '00:10:00',
          participants: m.live!.participants,
          has_pstn: false,
          has_voip: true,
        };
      });
      return {
        status: 200,
        body: { from, to, ...page(items, req.query, 'meetings', now()) },
      };
    },
  },
  {
    name: 'dashboard-participants',
    method: 'GET',
    pattern: /^\/metrics\/meetings\/([^/]+)\/participants$/,
    handle({ account, now }, req, m) {
      if ((req.query.get('type') ?? 'live') !== 'live') throw new SimError(400, 300, 'Only type=live is simulated.');
      const meeting = account.meeting(meetingId(m[1]!));
      if (!meeting.live) throw new SimError(404, 3001, `Meeting does not exist: ${meeting.id}.`);
      // One row per join, in join order; those who left still listed, with leave_time (as Zoom's Dashboard).
      const row = (a: { who: string; name: string; joinedAt: string }, leftAt?: string) => ({
        ...participantFields(a),
        participant_user_id: '',
        device: 'Windows',
        ip_address: '192.0.2.10',
        location: 'Stockholm (SE)',
        network_type: 'Wired',
        join_time: a.joinedAt,
        ...(leftAt ? { leave_time: leftAt, leave_reason: 'left the meeting' } : {}),
        status: leftAt ? 'not_in_meeting' : 'in_meeting',
      });
      const rows = [...meeting.live.left.map((a) => row(a, a.leftAt)), ...meeting.live.attendees.map((a) => row(a))];
      rows.sort((a, b) => a.join_time.localeCompare(b.join_time));
      return { status: 200, body: page(rows, req.query, 'participants', now()) };
    },
  },
  {
    name: 'meeting',
    method: 'GET',
    pattern: /^\/meetings\/([^/]+)$/,
    handle({ account }, _req, m) {
      const meeting = account.meeting(meetingId(m[1]!));
      const host = account.users.get(meeting.hostId);
      return {
        status: 200,
        body: {
          ...meetingSummary(account, meeting),
          host_email: host?.email,
          status: meeting.live ? 'started' : 'waiting',
          password: meeting.password,
          ...(meeting.occurrences
            ? { occurrences: meeting.occurrences.map((o) => ({ occurrence_id: String(Date.parse(o.start)), start_time: o.start, duration: o.duration, status: o.status ?? 'available' })) }
            : {}),
          encrypted_password: meeting.encryptedPassword,
          // Zoom sends the host's start link; the client must never keep it.
          start_url: `https://zoom.us/s/${meeting.id}?zak=SECRET-ZAK-${meeting.hostId}`,
        },
      };
    },
  },
  {
    name: 'end-meeting',
    method: 'PUT',
    pattern: /^\/meetings\/([^/]+)\/status$/,
    handle({ account }, req, m) {
      const id = meetingId(m[1]!);
      const meeting = account.meeting(id);
      const action = (req.body as { action?: unknown } | null)?.action;
      if (action !== 'end' && action !== 'recover') throw new SimError(400, 300, 'Invalid field: action.');
      if (action === 'end') {
        const refusal = account.endRefusals.get(meeting.hostId);
        if (refusal) throw new SimError(400, refusal.code, refusal.message);
        // Nothing live to end: Zoom answers that the meeting (instance) is not there, not 204.
        if (!meeting.live) throw new SimError(404, 3001, `Meeting ${id} is not found or has expired.`);
        if (account.endNotCarriedOut.has(id)) return { status: 204 };
        account.end(id);
        account.endedViaApi.push(id);
      }
      return { status: 204 };
    },
  },
];

export function matchZoomRoute(method: string, path: string): { def: RouteDef; match: RegExpMatchArray } | null {
  for (const def of routes) {
    const match = path.match(def.pattern);
    if (match && def.method === method) return { def, match };
  }
  return null;
}

export function runZoomRoute(
  ctx: ZoomRouteContext,
  found: { def: RouteDef; match: RegExpMatchArray },
  req: ZoomRequest,
): ZoomReply {
  const call = ZOOM_CALLS[found.def.name];
  const limited = ctx.limits.take(call.category, ctx.now());
  if (limited) return limited;
  const reply = (() => {
    try {
      // Zoom checks the token's scopes before anything else: the granular name, or the classic one.
      if (!callAllowed(call, ctx.granted)) throw new SimError(400, 4711, `Invalid access token, does not contain scopes:[${call.granular}].`);
      return found.def.handle(ctx, req, found.match);
    } catch (e) {
      if (e instanceof SimError) return { status: e.status, body: { code: e.code, message: e.message } };
      throw e;
    }
  })();
  return { ...reply, headers: { ...ctx.limits.headers(call.category, ctx.now()), ...reply.headers } };
}
