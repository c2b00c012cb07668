// The soak's schedule: when "Zoom" changes (meetings start, end, people come and go), when a person presses End,
// and when each fault strikes. Pure and seeded: a seed is the same schedule every run, so a divergence found
// once can be run again. Faults come from a shuffled deck of every kind, so even a 2-minute run meets each one;
// the last stretch is quiet, for the state to converge on Zoom's.
import { seededRandom } from '../../main/zoom-simulator/demo.js';
import type { FaultRule, SimRoute } from '../../main/zoom-simulator/faults.js';

export const FAULT_KINDS = [
  '429 with Retry-After',
  '429 without Retry-After',
  '5xx',
  'slow answer',
  'hung answer',
  'dropped answer',
  'empty 200',
  'HTML 200',
  'cut-off 200',
  'revoked tokens',
  'expired tokens',
  'OAuth outage',
  'WebSocket dropped',
  'SSE clients dropped',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export type SoakAction =
  /** A change in "Zoom"; which meeting is chosen when it runs (from the state then), with `pick` in [0, 1). */
  | { at: number; kind: 'zoom'; pick: number; count: number }
  /** A person presses End on a live meeting (the `pick`-th of those live then). */
  | { at: number; kind: 'api-end'; pick: number }
  /** `rule`: for the simulator's wire faults; `ms`: how long an outage or a drop lasts. */
  | { at: number; kind: 'fault'; fault: FaultKind; rule?: FaultRule; ms?: number }
  | { at: number; kind: 'kill' };

export interface SoakPlan {
  actions: SoakAction[];
  /** When faults stop (ms from the start): every rule still queued is cleared. */
  faultsEndAt: number;
  endAt: number;
}

/** The routes the service calls, about as often as it calls them: the live list each round, a meeting's details
 * after each start, the catalog at start and every 10 minutes; End's faults wait for the next End. */
const ROUTES: SimRoute[] = ['dashboard', 'dashboard', 'meeting', 'meeting', 'user-meetings', 'users', 'end-meeting'];
/** A rate limit is met where calls are frequent: the live list and the details. */
const BUSY: SimRoute[] = ['dashboard', 'meeting'];
/** Longer than the client's 10-s timeout. */
const HUNG_MS = 15_000;

/** `minutes` of soak: the last quarter (at least a minute, the Dashboard budget's window; at most 3) is quiet. Two kills from 10 minutes on,
 * else one; 14 Ends through the API in 20 minutes (at least 3). */
export function soakPlan(minutes: number, seed: number): SoakPlan {
  const random = seededRandom(seed);
  const endAt = Math.round(minutes * 60_000);
  const quiet = Math.min(180_000, Math.max(60_000, endAt / 4));
  const faultsEndAt = endAt - quiet;
  const actions: SoakAction[] = [];
  const between = (lo: number, hi: number) => lo + random() * (hi - lo);

  for (let at = between(1_000, 3_000); at < faultsEndAt; at += between(1_000, 4_000)) {
    actions.push({ at: Math.round(at), kind: 'zoom', pick: random(), count: 1 + Math.floor(random() * 3) });
  }
  const ends = Math.max(3, Math.round((14 * minutes) / 20));
  // Not at a kill's moment (a person pressing End as the service dies gets no answer: that is the kill's test).
  for (let i = 0; i < ends; i++) actions.push({ at: Math.round(((i + 0.5) * faultsEndAt) / ends) + 1_500, kind: 'api-end', pick: random() });
  const kills = minutes >= 10 ? 2 : 1;
  for (let i = 1; i <= kills; i++) actions.push({ at: Math.round((i * faultsEndAt) / (kills + 1)), kind: 'kill' });

  // One fault a slot; the slot is short enough for a short run to take the whole deck once.
  const slot = Math.min(8_000, (faultsEndAt - 5_000) / FAULT_KINDS.length);
  let deck: FaultKind[] = [];
  for (let at = 5_000; at + slot <= faultsEndAt; at += slot) {
    if (deck.length === 0) deck = shuffled(FAULT_KINDS, random);
    const fault = deck.pop()!;
    actions.push({ at: Math.round(at), kind: 'fault', fault, ...faultDetails(fault, random, slot) });
  }
  actions.sort((a, b) => a.at - b.at);
  return { actions, faultsEndAt, endAt };
}

function faultDetails(fault: FaultKind, random: () => number, slot: number): { rule?: FaultRule; ms?: number } {
  const route = ROUTES[Math.floor(random() * ROUTES.length)]!;
  const busy = BUSY[Math.floor(random() * BUSY.length)]!;
  const times = 1 + Math.floor(random() * 3); // 3 spends every try of a call
  switch (fault) {
    case '429 with Retry-After':
      return { rule: { route: busy, status: 429, times, headers: { 'X-RateLimit-Type': 'QPS', 'Retry-After': String(1 + Math.floor(random() * 3)) }, body: { code: 429, message: 'You have reached the maximum per-second rate limit for this API. Try again later.' } } };
    case '429 without Retry-After':
      return { rule: { route: busy, status: 429, times, headers: { 'X-RateLimit-Type': 'QPS' }, body: { code: 429, message: 'You have reached the maximum per-second rate limit for this API. Try again later.' } } };
    case '5xx':
      return { rule: { route, status: [500, 502, 503, 504][Math.floor(random() * 4)]!, times, body: { code: 500, message: 'Internal server error.' } } };
    case 'slow answer':
      return { rule: { route, delayMs: 2_000 + Math.round(random() * 5_000), times } };
    case 'hung answer':
      return { rule: { route, delayMs: HUNG_MS, times } };
    case 'dropped answer':
      return { rule: { route, reset: true, times } };
    case 'empty 200':
      return { rule: { route, broken: 'empty', times } };
    case 'HTML 200':
      return { rule: { route: random() < 0.25 ? 'oauth' : route, broken: 'html', times } };
    case 'cut-off 200':
      return { rule: { route, broken: { truncateAt: 1 + Math.floor(random() * 400) }, times } };
    case 'OAuth outage':
      return { ms: Math.round(Math.min(slot * 3, between(random, 20_000, 60_000))) };
    case 'SSE clients dropped':
      return { ms: Math.round(between(random, 500, 3_000)) };
    default:
      return {};
  }
}

const between = (random: () => number, lo: number, hi: number) => lo + random() * (hi - lo);

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
