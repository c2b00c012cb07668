// bench/usage: the usage report over 100 000 meeting instances in a 90-day window (an account of ~1 100
// instances a day), in one run: per room, per day and per hour in a zone with DST, beside a baseline that
// only walks the instances once (parsing their times: the least any report must do). Target: ≤ 200 ms.
import type { UsageInstance } from '../shared/api-schema.js';
import { usageReport, type GroupBy } from '../main/usage/usage-report.js';

const N = 100_000;
const ROOMS = 2_000;
const to = Date.parse('2026-11-28T00:00:00Z');
const from = to - 90 * 86_400_000;
let seed = 7;
const rnd = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
const instances: UsageInstance[] = Array.from({ length: N }, (_, i) => {
  const start = from + Math.floor(rnd() * (to - from));
  const minutes = 15 + Math.floor(rnd() * 120);
  const room = i % ROOMS;
  return {
    uuid: `u${i}`,
    meetingId: String(81_000_000_000 + room),
    topic: `Room ${room}`,
    hostName: `Host ${room % 300}`,
    startedAt: new Date(start).toISOString(),
    endedAt: i % 500 === 0 ? null : new Date(start + minutes * 60_000).toISOString(),
    peakParticipants: Math.floor(rnd() * 30),
    participantMinutes: null,
    endedBy: null,
  };
});
const rooms = Array.from({ length: ROOMS + 200 }, (_, r) => ({ meetingId: String(81_000_000_000 + r), topic: `Room ${r}`, hostName: null }));

function time(label: string, fn: () => unknown): number {
  fn(); // warm
  const runs = 5;
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) fn();
  const ms = (performance.now() - t0) / runs;
  console.log(`${label}: ${ms.toFixed(1)} ms`);
  return ms;
}

console.log(`bench/usage: ${N} instances, ${ROOMS} rooms, 90 days, tz Europe/Stockholm`);
const base = time('baseline: walk and parse every instance once', () => {
  let sum = 0;
  for (const i of instances) sum += (i.endedAt ? Date.parse(i.endedAt) : to) - Date.parse(i.startedAt);
  return sum;
});
const report = (groupBy: GroupBy) => () => usageReport({ instances, rooms, from, to, now: to, tz: 'Europe/Stockholm', groupBy, licenses: 12, historySince: null });
const results = (['room', 'host', 'day', 'hour'] as const).map((g) => [g, time(`report by ${g}`, report(g))] as const);
const worst = Math.max(...results.map(([, ms]) => ms));
console.log(`worst ${worst.toFixed(1)} ms (target ≤ 200) = ${(worst / base).toFixed(1)}x the baseline walk`);
