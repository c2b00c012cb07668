// bench/insight: what attention and free-until cost on a 10 000-session account, in one run: one change
// (a session written: derived from the one before) and one tick (every session looked at again, as the
// engine does every 30 s), beside a baseline that only copies each session (the least a tick could do).
import { derived, DEFAULT_ATTENTION } from '../main/sync/room-insight.js';
import { blankSession, type Session } from '../shared/session.js';

const N = 10_000;
const now = Date.parse('2026-11-28T14:00:00Z');
const iso = (min: number) => new Date(now + min * 60_000).toISOString();
const sessions: Session[] = Array.from({ length: N }, (_, i) => {
  const s = blankSession(String(81_000_000_000 + i), i % 10 === 0 ? 'personal' : 'scheduled', iso(-600));
  const live = i % 5 === 0;
  return {
    ...s,
    status: live ? 'live' : 'available',
    participants: live ? i % 4 : 0,
    liveSince: live ? iso(-40) : null,
    participantsSince: live ? iso(-(i % 30)) : null,
    nextStartAt: iso((i % 300) - 60),
    nextEndAt: iso((i % 300) - 15),
    bookedUntil: live ? iso(-(i % 20)) : null,
  };
});

function time(label: string, runs: number, fn: () => void): number {
  for (let i = 0; i < 20; i++) fn(); // warm
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) fn();
  const ms = (performance.now() - t0) / runs;
  console.log(`${label}: ${ms.toFixed(4)} ms`);
  return ms;
}

console.log(`bench/insight: ${N} sessions (${N / 5} live)`);
let k = 0;
const change = time('one change (derive the written session)', 100_000, () => {
  const s = sessions[k++ % N]!;
  derived(s, { ...s, participants: (s.participants ?? 0) + 1 }, now, DEFAULT_ATTENTION);
});
const tick = time('one tick (every session, as each 30 s)', 50, () => {
  for (const s of sessions) derived(s, s, now, DEFAULT_ATTENTION);
});
const copy = time('baseline: copy every session once', 50, () => {
  for (const s of sessions) void { ...s };
});
console.log(`per change ${change.toFixed(4)} ms (target < 2); tick ${tick.toFixed(2)} ms = ${(tick / copy).toFixed(2)}x a copy of every session`);
