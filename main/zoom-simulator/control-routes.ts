// The simulator's control API (/_sim/...): what a person or a browser test does to the account
// ("start this meeting", "three people join", "fail the next Dashboard call with 429").
import { SimError, type SimMeeting, type SimMeetingType } from './account.js';
import type { ZoomReply } from './zoom-routes.js';
import type { ZoomSimulator } from './server.js';

type Body = Record<string, unknown>;

function view(sim: ZoomSimulator, m: SimMeeting) {
  return { id: m.id, hostId: m.hostId, topic: m.topic, type: m.type, joinUrl: sim.account.joinUrl(m), live: m.live };
}

function num(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

/** POST /meetings: a meeting for the named host (by id or email), else the first user. */
function addMeeting(sim: ZoomSimulator, body: Body): ZoomReply {
  const a = sim.account;
  const hostId = typeof body.hostId === 'string' ? body.hostId : ([...a.users.values()].find((u) => u.email === body.hostEmail)?.id ?? [...a.users.keys()][0]);
  if (!hostId) throw new SimError(400, 300, 'Create a user first.');
  const m = a.addMeeting({
    hostId,
    topic: typeof body.topic === 'string' ? body.topic : 'Meeting',
    type: (body.type as SimMeetingType | undefined) ?? 2,
    password: typeof body.password === 'string' ? body.password : undefined,
  });
  return { status: 201, body: view(sim, m) };
}

/** /meetings/{id}[/start|join|leave|end]; null when the path is not one. */
function meetingRoute(sim: ZoomSimulator, method: string, path: string, body: Body): ZoomReply | null {
  const mm = path.match(/^\/meetings\/(\d+)(?:\/(start|join|leave|end))?$/);
  if (!mm) return null;
  const a = sim.account;
  const id = Number(mm[1]);
  const action = mm[2];
  if (method === 'DELETE' && !action) {
    a.deleteMeeting(id);
    return { status: 204 };
  }
  if (method === 'GET' && !action) return { status: 200, body: view(sim, a.meeting(id)) };
  if (method !== 'POST' || !action) return null;
  const count = num(body.count ?? body.participants, 1);
  const m = action === 'start' ? a.start(id, count) : action === 'join' ? a.join(id, count) : action === 'leave' ? a.leave(id, count) : a.end(id);
  return { status: 200, body: view(sim, m) };
}

/** The switches without a body to answer: faults, the Dashboard, tokens. */
const SWITCHES: Record<string, (sim: ZoomSimulator, body: Body) => void> = {
  'POST /faults': (sim, body) => sim.addFault(body),
  'DELETE /faults': (sim) => sim.faults.clear(),
  'POST /dashboard': (sim, body) => void (sim.dashboardForbidden = body.forbidden === true),
  'POST /tokens/expire': (sim) => sim.expireTokens(),
  'POST /tokens/revoke': (sim) => sim.revokeTokens(),
};

function route(sim: ZoomSimulator, method: string, path: string, body: Body): ZoomReply {
  const a = sim.account;
  if (method === 'GET' && path === '/state') {
    const meetings = [...a.meetings.values()].map((m) => view(sim, m));
    return { status: 200, body: { users: [...a.users.values()], meetings, endedViaApi: a.endedViaApi, dashboardForbidden: sim.dashboardForbidden, calls: sim.calls.length } };
  }
  if (method === 'POST' && path === '/users') {
    if (typeof body.email !== 'string') throw new SimError(400, 300, 'email is required.');
    return { status: 201, body: a.addUser({ email: body.email, firstName: body.firstName as string | undefined, lastName: body.lastName as string | undefined }) };
  }
  if (method === 'POST' && path === '/meetings') return addMeeting(sim, body);
  const meeting = meetingRoute(sim, method, path, body);
  if (meeting) return meeting;
  const flip = SWITCHES[`${method} ${path}`];
  if (flip) {
    flip(sim, body);
    return { status: 204 };
  }
  return { status: 404, body: { code: 404, message: `No control route ${method} /_sim${path}.` } };
}

export function handleControl(sim: ZoomSimulator, method: string, path: string, raw: unknown): ZoomReply {
  const body: Body = raw && typeof raw === 'object' ? (raw as Body) : {};
  try {
    return route(sim, method, path, body);
  } catch (e) {
    if (e instanceof SimError) return { status: e.status, body: { code: e.code, message: e.message } };
    throw e;
  }
}
