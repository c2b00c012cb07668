// What the soak measures, from what it recorded: pure functions over the simulator's call log and the samples,
// so each figure can be checked on a table.
import type { SimCall } from '../../main/zoom-simulator/server.js';
import { ZOOM_CALLS, type RateCategory, type ZoomCallName } from '../../shared/zoom-calls.js';

export type CallGroup = RateCategory | 'sign-in';

/** The rate category of a call in the simulator's log ('sign-in' for a token request), else null. */
export function groupOf(call: SimCall): CallGroup | null {
  if (call.route === 'oauth') return 'sign-in';
  return call.route in ZOOM_CALLS ? ZOOM_CALLS[call.route as ZoomCallName].category : null;
}

/** The most of `times` (ms, any order) in any window of `windowMs` (windows start at each time), and where
 * that window starts: the worst minute of a log. */
export function busiestWindow(times: readonly number[], windowMs = 60_000): { count: number; at: number } {
  const t = [...times].sort((a, b) => a - b);
  let best = { count: 0, at: 0 };
  for (let lo = 0, hi = 0; hi < t.length; hi++) {
    while (t[hi]! - t[lo]! >= windowMs) lo++;
    if (hi - lo + 1 > best.count) best = { count: hi - lo + 1, at: t[lo]! };
  }
  return best;
}

export const worstWindow = (times: readonly number[], windowMs = 60_000): number => busiestWindow(times, windowMs).count;

/** The worst minute of each group's calls. */
export function worstMinutes(calls: readonly SimCall[]): Partial<Record<CallGroup, number>> {
  const by = new Map<CallGroup, number[]>();
  for (const c of calls) {
    const g = groupOf(c);
    if (g) by.set(g, [...(by.get(g) ?? []), c.at]);
  }
  return Object.fromEntries([...by].map(([g, times]) => [g, worstWindow(times)]));
}

export interface RetryAfterBreach {
  at: number;
  category: CallGroup;
  /** The call that came too soon, ms after the 429. */
  after: number;
  askedMs: number;
}

/** Calls of the same rate category made before a 429's Retry-After (in seconds) had run out. A Retry-After
 * that is a date is checked the same way. */
export function retryAfterBreaches(calls: readonly SimCall[]): { answers: number; breaches: RetryAfterBreach[] } {
  const limited = calls.filter((c) => c.status === 429 && c.retryAfter != null);
  const breaches: RetryAfterBreach[] = [];
  for (const c of limited) {
    const seconds = Number(c.retryAfter);
    const askedMs = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(c.retryAfter!) - c.at;
    const category = groupOf(c);
    if (!category || !Number.isFinite(askedMs)) continue;
    const early = calls.find((d) => d !== c && groupOf(d) === category && d.at > c.at && d.at < c.at + askedMs);
    if (early) breaches.push({ at: c.at, category, after: early.at - c.at, askedMs });
  }
  return { answers: limited.length, breaches };
}

/** Where two views of the sessions differ: a meeting one has and the other lacks, or a different status or
 * count. `want` is the truth. */
export function differences(want: ReadonlyMap<string, { status: string; participants: number }>, got: ReadonlyMap<string, { status: string; participants: number }>): string[] {
  const out: string[] = [];
  for (const [id, w] of want) {
    const g = got.get(id);
    if (!g) out.push(`${id} missing`);
    else if (g.status !== w.status) out.push(`${id} ${g.status}, not ${w.status}`);
    else if (w.status === 'live' && g.participants !== w.participants) out.push(`${id} ${g.participants} in, not ${w.participants}`);
  }
  for (const id of got.keys()) if (!want.has(id)) out.push(`${id} not in Zoom`);
  return out;
}

export interface OutageRecovery {
  /** Token requests while sign-in was down. */
  tokenRequests: number;
  /** ms from its end to the first token Zoom gave, and to the first live list read. */
  firstToken: number | null;
  firstLiveRead: number | null;
}

/** How the service came back from each sign-in outage. */
export function outageRecoveries(calls: readonly SimCall[], outages: readonly { from: number; to: number }[]): OutageRecovery[] {
  return outages.map(({ from, to }) => {
    const after = (route: SimCall['route']) => calls.find((c) => c.route === route && c.status === 200 && c.at >= to);
    const token = after('oauth');
    const live = after('dashboard');
    return {
      tokenRequests: calls.filter((c) => c.route === 'oauth' && c.at >= from && c.at < to).length,
      firstToken: token ? token.at - to : null,
      firstLiveRead: live ? live.at - to : null,
    };
  });
}
