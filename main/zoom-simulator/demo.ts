// The demo account: 3 hosts and 12 meetings (scheduled, recurring, personal rooms) that start, fill,
// empty and end on a loop, so a newcomer sees the app move within a minute; named people come and go.
// Three meetings are left as people leave them in real accounts, for the app to flag: one with a person
// left alone, one nobody is in, one running past its booking. The loop does not touch them.
import type { UsageInstance } from '../../shared/api-schema.js';
import type { SimMeetingType } from './account.js';
import type { ZoomSimulator } from './server.js';

const HOSTS = [
  { email: 'ops@demo.example', firstName: 'Avery', lastName: 'Okafor' },
  { email: 'frontdesk@demo.example', firstName: 'Blake', lastName: 'Moreno' },
  { email: 'teacher@demo.example', firstName: 'Casey', lastName: 'Lindqvist' },
];

type Scene = 'alone' | 'empty' | 'overrun';

/** `bookedAt`: minutes from now to its booking's start (type 2 and 8), `minutes` its length. */
const MEETINGS: { host: number; topic: string; type: SimMeetingType; bookedAt?: number; minutes?: number; scene?: Scene }[] = [
  { host: 0, topic: 'Ops stand-up', type: 8, bookedAt: 40, minutes: 15 },
  { host: 0, topic: 'Incident bridge', type: 3, scene: 'alone' },
  { host: 0, topic: 'Vendor review', type: 2, bookedAt: -50, minutes: 30, scene: 'overrun' },
  { host: 1, topic: 'Telehealth room 1', type: 3 },
  { host: 1, topic: 'Telehealth room 2', type: 3, scene: 'empty' },
  { host: 1, topic: 'Staff huddle', type: 8, bookedAt: 95, minutes: 30 },
  { host: 2, topic: 'Grade 9 Maths', type: 8, bookedAt: 20, minutes: 50 },
  { host: 2, topic: 'Grade 10 Physics', type: 8, bookedAt: 180, minutes: 50 },
  { host: 2, topic: 'Office hours', type: 2, bookedAt: 26 * 60, minutes: 60 },
];

/** Who joins demo meetings: names only a demo would have. */
/** The people of the scenes (the forgotten and the empty room). */
const SCENE_NAMES = { onHold: 'Jordan (on hold)', gone: 'Dr Ames' };
export const DEMO_NAMES = ['Ada', 'Bram', 'Chen', 'Dana', 'Eli', 'Farah', 'Gus', 'Hana', 'Ivo', 'Jun', 'Kemi', 'Luca', 'Mara', 'Nils', 'Oona', 'Pia', 'Quinn', 'Ravi', 'Sol', 'Tove'];
/** Every name the demo gives a participant (tests look for each where names must never be). */
export const DEMO_PEOPLE: readonly string[] = [...DEMO_NAMES, ...Object.values(SCENE_NAMES)];

/** A small seeded generator, so a demo run is the same every time. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Meeting id -> its scene, for the loop to leave alone. */
const scenes = new WeakMap<ZoomSimulator, Map<number, Scene>>();

export function seedDemoAccount(sim: ZoomSimulator, now = Date.now()): void {
  const a = sim.account;
  const hosts = HOSTS.map((h) => a.addUser(h));
  const mine = new Map<number, Scene>();
  scenes.set(sim, mine);
  for (const m of MEETINGS) {
    const startTime = m.bookedAt == null ? undefined : new Date(now + m.bookedAt * 60_000).toISOString();
    const meeting = a.addMeeting({ hostId: hosts[m.host]!.id, topic: m.topic, type: m.type, startTime, duration: m.minutes });
    if (!m.scene) continue;
    mine.set(meeting.id, m.scene);
    if (m.scene === 'alone') a.start(meeting.id, 1, [SCENE_NAMES.onHold], now - 25 * 60_000);
    if (m.scene === 'overrun') a.start(meeting.id, 7, DEMO_NAMES.slice(0, 7), now - 48 * 60_000);
    if (m.scene === 'empty') {
      a.start(meeting.id, 1, [SCENE_NAMES.gone], now - 30 * 60_000);
      a.leave(meeting.id, 1, { keepOpen: true });
    }
  }
}

export interface DemoLoop {
  stop(): void;
  step(): void;
}

/** Moves the demo account every tickMs: meetings start, people come and go, meetings end; never more live at
 * once than the account has licenses (a start that would pass them waits, as Zoom would refuse it). */
export function runDemoLoop(sim: ZoomSimulator, opts: { tickMs?: number; seed?: number; licenses: number }): DemoLoop {
  const { licenses } = opts;
  const random = seededRandom(opts.seed ?? 7);
  const a = sim.account;
  const pick = <T>(xs: T[]): T | undefined => xs[Math.floor(random() * xs.length)];
  const names = (n: number) => Array.from({ length: n }, () => pick(DEMO_NAMES)!);
  const staged = scenes.get(sim) ?? new Map<number, Scene>();
  const step = () => {
    const all = [...a.meetings.values()].filter((m) => !staged.has(m.id));
    const live = all.filter((m) => m.live);
    const idle = all.filter((m) => !m.live && m.type !== 1);
    const licenseFree = () => [...a.meetings.values()].filter((m) => m.live).length < licenses;
    if ((live.length < 2 || (live.length < 6 && random() < 0.35)) && licenseFree()) {
      const m = pick(idle);
      if (m) a.start(m.id, 1 + Math.floor(random() * 4), names(4));
    }
    // Now and then someone starts an instant meeting, which vanishes from Zoom once it ends.
    if (random() < 0.05 && !all.some((m) => m.type === 1) && licenseFree()) {
      const host = pick([...a.users.values()]);
      if (host) a.start(a.addMeeting({ hostId: host.id, topic: `${host.firstName}'s instant meeting`, type: 1 }).id, 2, names(2));
    }
    for (const m of live) {
      const r = random();
      if (r < 0.3) a.join(m.id, 1 + Math.floor(random() * 3), names(3));
      else if (r < 0.5 && m.live!.participants > 1) a.leave(m.id, 1);
      else if (r < 0.56 && live.length > 2) a.end(m.id);
    }
  };
  step();
  const timer = setInterval(step, opts.tickMs ?? 3_000);
  timer.unref();
  return { stop: () => clearInterval(timer), step };
}

/** Rooms the demo's history leaves unused: the Usage view's idle list has something to say. */
const IDLE_IN_HISTORY = new Set(['Office hours', 'Grade 10 Physics']);

/** 30 days of usage history for the demo account, seeded (the same every run): weekday meetings at their
 * usual hours, fewer at weekends, drop-in rooms and personal rooms used now and then, two rooms never; and
 * never more meetings live at once than the account's licenses (an instance that would pass them did not
 * happen), so the Usage view never reads "8 of your 6 licenses". */
export function demoHistory(sim: ZoomSimulator, now: number, opts: { days?: number; licenses: number }): UsageInstance[] {
  const days = opts.days ?? 30;
  const rnd = seededRandom(30);
  const hostName = (id: string) => {
    const u = sim.account.users.get(id);
    return u ? `${u.firstName} ${u.lastName}` : null;
  };
  const out: UsageInstance[] = [];
  const today = Math.floor(now / 86_400_000) * 86_400_000;
  for (const m of [...sim.account.meetings.values()].sort((a, b) => a.id - b.id)) {
    if (IDLE_IN_HISTORY.has(m.topic) || m.type === 1) continue;
    const usualHour = 8 + (m.id % 9);
    for (let d = days; d >= 1; d--) {
      const day = today - d * 86_400_000;
      const weekend = [0, 6].includes(new Date(day).getUTCDay());
      const times = m.type === 3 || m.type === 4 ? Math.floor(rnd() * (weekend ? 1.3 : 3.2)) : rnd() < (weekend ? 0.1 : 0.8) ? 1 : 0;
      for (let k = 0; k < times; k++) {
        const hour = m.type === 3 || m.type === 4 ? 8 + Math.floor(rnd() * 10) : usualHour;
        const start = day + hour * 3_600_000 + Math.floor(rnd() * 4) * 15 * 60_000;
        const minutes = (m.duration || 45) + Math.floor(rnd() * 31) - 10;
        const peak = 1 + Math.floor(rnd() * 18);
        out.push({
          uuid: `demo-${m.id}-${d}-${k}`,
          meetingId: String(m.id),
          // Personal rooms as the app names them (its catalog names the host in full).
          topic: m.type === 4 ? `${hostName(m.hostId)}'s Personal Meeting Room` : m.topic,
          hostName: hostName(m.hostId),
          startedAt: new Date(start).toISOString(),
          endedAt: new Date(start + minutes * 60_000).toISOString(),
          peakParticipants: peak,
          participantMinutes: Math.round(peak * minutes * 0.7),
          endedBy: rnd() < 0.05 ? 'dashboard' : null,
        });
      }
    }
  }
  return withinLicenses(out.sort((a, b) => a.startedAt.localeCompare(b.startedAt)), opts.licenses);
}

/** The instances, in start order, less each one that starts while `licenses` others are live. */
function withinLicenses(byStart: UsageInstance[], licenses: number): UsageInstance[] {
  const kept: UsageInstance[] = [];
  let liveEnds: string[] = []; // the ends of the kept instances live at the current start
  for (const i of byStart) {
    liveEnds = liveEnds.filter((end) => end > i.startedAt);
    if (liveEnds.length >= licenses) continue;
    liveEnds.push(i.endedAt!);
    kept.push(i);
  }
  return kept;
}
