// What Zoom's X-RateLimit-* headers and 429s tell us, per rate category, kept as state
// so the scheduler can slow down and the UI can say when calls resume.
import type { RateLimitState } from '../../shared/session.js';
import { ZOOM_LIMITS, type RateCategory, type ZoomPlan } from '../../shared/zoom-calls.js';
import { nextUtcMidnight } from '../../shared/clock.js';

export { nextUtcMidnight, ZOOM_LIMITS, type RateCategory, type ZoomPlan };

/** The share of each limit we allow ourselves: the account's budget is shared with every other app on it. */
export const BUDGET_SHARE = 0.25;

interface CategoryState {
  type: string | null;
  limit: number | null;
  remaining: number | null;
  retryAt: number | null;
  /** The block is a daily limit. */
  daily: boolean;
}

type Headers = Record<string, unknown>;

function header(h: Headers, name: string): string | null {
  const v = h[name.toLowerCase()];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null;
}

function int(v: string | null): number | null {
  if (v == null || !/^\d+$/.test(v.trim())) return null;
  return Number(v);
}

/** Heavy and Resource-intensive calls share one daily budget (60 000 a day on Business and up). */
export const SHARED_DAILY: Partial<Record<RateCategory, RateCategory>> = { heavy: 'resource-intensive', 'resource-intensive': 'heavy' };

export class RateLimits {
  private readonly byCategory = new Map<RateCategory, CategoryState>();

  private state(category: RateCategory): CategoryState {
    let s = this.byCategory.get(category);
    if (!s) {
      s = { type: null, limit: null, remaining: null, retryAt: null, daily: false };
      this.byCategory.set(category, s);
    }
    return s;
  }

  /** Records the headers of any answer. */
  observe(category: RateCategory, headers: Headers): void {
    const s = this.state(category);
    const type = header(headers, 'x-ratelimit-type');
    const limit = int(header(headers, 'x-ratelimit-limit'));
    const remaining = int(header(headers, 'x-ratelimit-remaining'));
    if (type) s.type = type;
    if (limit != null) s.limit = limit;
    if (remaining != null) s.remaining = remaining;
  }

  block(category: RateCategory, until: number, daily = false): void {
    const s = this.state(category);
    if (until >= (s.retryAt ?? 0)) s.daily = daily;
    s.retryAt = Math.max(s.retryAt ?? 0, until);
  }

  /** Whether the category's current block is a daily limit. */
  isDaily(category: RateCategory, now: number): boolean {
    return this.blockedUntil(category, now) != null && (this.byCategory.get(category)?.daily ?? false);
  }

  /** Epoch ms until which calls of this category must wait, or null. */
  blockedUntil(category: RateCategory, now: number): number | null {
    const at = this.byCategory.get(category)?.retryAt ?? null;
    return at != null && at > now ? at : null;
  }

  snapshot(now: number): RateLimitState[] {
    return [...this.byCategory].map(([category, s]) => ({
      category,
      type: s.type,
      limit: s.limit,
      remaining: s.remaining,
      retryAt: s.retryAt != null && s.retryAt > now ? new Date(s.retryAt).toISOString() : null,
    }));
  }
}
