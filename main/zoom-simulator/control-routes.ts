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

export function handleControl(sim: ZoomSimulator, method: string, path: string, raw: unknown): ZoomReply {
  const body: Body = raw && typeof raw === 'object' ? (raw as Body) : {};
  const a = sim.account;
  try {
    if (method === 'GET' && path === '/state') {
      return {
        status: 200,
        body: {
          users: [...a.users.values()],
          meetings: [...a.meetings.values()].map((m) => view(sim, m)),
          endedViaApi: a.endedViaApi,
          dashboardForbidden: sim.dashboardForbidden,
          calls: sim.calls.length,
        },
      };
    }
    if (method === 'POST' && path === '/users') {
      if (typeof body.email !== 'string') throw new SimError(400, 300, 'email is required.');
      return { status: 201, body: a.addUser({ email: body.email, firstName: body.firstName as string | undefined, lastName: body.lastName as string | undefined }) };
    }
    if (method === 'POST' && path === '/meetings') {
      const hostId =
        typeof body.hostId === 'string'
          ? body.hostId
          : [...a.users.values()].find((u) => u.email === body.hostEmail)?.id ?? [...a.users.keys()][0];
      if (!hostId) throw new SimError(400, 300, 'Create a user first.');
      const m = a.addMeeting({
        hostId,
        topic: typeof body.topic === 'string' ? body.topic : 'Meeting',
        type: (body.type as SimMeetingType | undefined) ?? 2,
        password: typeof body.password === 'string' ? body.password : undefined,
      });
      return { status: 201, body: view(sim, m) };
    }
    const mm = path.match(/^\/meetings\/(\d+)(?:\/(start|join|leave|end))?$/);
    if (mm) {
      const id = Number(mm[1]);
      const action = mm[2];
      if (method === 'DELETE' && !action) {
        a.deleteMeeting(id);
        return { status: 204 };
      }
      if (method === 'GET' && !action) return { status: 200, body: view(sim, a.meeting(id)) };
      if (method === 'POST' && action) {
        const count = num(body.count ?? body.participants, 1);
        const m =
          action === 'start' ? a.start(id, count) : action === 'join' ? a.join(id, count) : action === 'leave' ? a.leave(id, count) : a.end(id);
        return { status: 200, body: view(sim, m) };
      }
    }
    if (path === '/faults' && method === 'POST') {
      sim.addFault(body);
      return { status: 204 };
    }
    if (path === '/faults' && method === 'DELETE') {
      sim.faults.clear();
      return { status: 204 };
    }
    if (path === '/dashboard' && method === 'POST') {
      sim.dashboardForbidden = body.forbidden === true;
      return { status: 204 };
    }
    if (path === '/tokens/expire' && method === 'POST') {
      sim.expireTokens();
      return { status: 204 };
    }
    if (path === '/tokens/revoke' && method === 'POST') {
      sim.revokeTokens();
      return { status: 204 };
    }
    return { status: 404, body: { code: 404, message: `No control route ${method} /_sim${path}.` } };
  } catch (e) {
    if (e instanceof SimError) return { status: e.status, body: { code: e.code, message: e.message } };
    throw e;
  }
}
