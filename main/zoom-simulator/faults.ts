// Fault injection: rules that make the next matching requests fail the way Zoom fails.

export type SimRoute = 'oauth' | 'users' | 'user-meetings' | 'dashboard' | 'dashboard-participants' | 'meeting' | 'end-meeting';

export interface FaultRule {
  /** Which route; omitted = any Zoom route. */
  route?: SimRoute;
  /** HTTP status to answer; omitted with delayMs = answer normally, only late. */
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Wait before answering (longer than the client's timeout = a timeout). */
  delayMs?: number;
  /** Close the socket without an answer (a reset). */
  reset?: boolean;
  /** Answer 200 with a body Zoom would never send, as proxies, captive portals and flaky links do: nothing,
   * an HTML page, or the real answer cut off after `truncateAt` bytes. */
  broken?: 'empty' | 'html' | { truncateAt: number };
  /** How many matching requests this rule takes; default 1. Infinity = until cleared. */
  times?: number;
  /** The rule lapses at this time (the simulator's clock, ms): an outage of a known length. */
  until?: number;
}

export class Faults {
  private rules: (FaultRule & { left: number })[] = [];

  add(rule: FaultRule): void {
    this.rules.push({ ...rule, left: rule.times ?? 1 });
  }

  clear(): void {
    this.rules = [];
  }

  /** Takes the first rule for this route, if any, at `now` (the simulator's clock). */
  take(route: SimRoute, now: number): FaultRule | null {
    this.rules = this.rules.filter((r) => r.until == null || r.until > now);
    const i = this.rules.findIndex((r) => r.left > 0 && (r.route == null || r.route === route));
    if (i < 0) return null;
    const rule = this.rules[i]!;
    rule.left--;
    if (rule.left <= 0) this.rules.splice(i, 1);
    return rule;
  }
}

/** Ready-made faults as Zoom shows them. */
export const zoomFaults = {
  /** A 200 whose body is not Zoom's: empty, an HTML page, or the real answer cut off. */
  brokenAnswer(route: SimRoute, broken: NonNullable<FaultRule['broken']>, times = 1): FaultRule {
    return { route, broken, times };
  },
  /** Per-second limit: Zoom's 429 with or without Retry-After (seconds or a date). */
  rateLimited(route: SimRoute, opts: { retryAfter?: string; type?: 'QPS' | 'Daily-limit'; times?: number } = {}): FaultRule {
    const headers: Record<string, string> = { 'X-RateLimit-Type': opts.type ?? 'QPS' };
    if (opts.retryAfter != null) headers['Retry-After'] = opts.retryAfter;
    const daily = opts.type === 'Daily-limit';
    return {
      route,
      status: 429,
      headers,
      times: opts.times ?? 1,
      body: {
        code: 429,
        message: daily
          ? "You have exceeded the daily rate limit of this API. Try again after 00:00 UTC."
          : "You have reached the maximum per-second rate limit for this API. Try again later.",
      },
    };
  },
  /** Zoom's sign-in down from now (`now`, the simulator's clock) for `ms`: every token request answers 503. */
  oauthOutage(now: number, ms: number): FaultRule {
    return { route: 'oauth', status: 503, times: Infinity, until: now + ms, body: { reason: 'Service Unavailable', error: 'temporarily_unavailable' } };
  },
  serverError(route: SimRoute, status = 500, times = 1): FaultRule {
    return { route, status, times, body: { code: status, message: 'Internal server error.' } };
  },
  slow(route: SimRoute, delayMs: number, times = 1): FaultRule {
    return { route, delayMs, times };
  },
  reset(route: SimRoute, times = 1): FaultRule {
    return { route, reset: true, times };
  },
};
