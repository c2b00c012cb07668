// Zoom's rate limits as Zoom applies them to an account: each category's calls per second (Light, Medium,
// Heavy) or per minute (Resource-intensive) by plan, answered 429 with Zoom's headers and no Retry-After;
// Heavy and Resource-intensive also share a daily budget, whose 429 says "Daily-limit" and when it resets.
import { ZOOM_LIMITS, type RateCategory, type ZoomPlan } from '../../shared/zoom-calls.js';
import { nextUtcMidnight } from '../../shared/clock.js';
import type { ZoomReply } from './zoom-routes.js';

export type SimPlan = ZoomPlan;

const LABEL: Record<RateCategory, string> = { light: 'Light', medium: 'Medium', heavy: 'Heavy', 'resource-intensive': 'Resource-intensive' };
/** Heavy and Resource-intensive calls a day, together (Business and up). */
const DAILY_LIMIT = 60_000;

export class SimRateLimits {
  private readonly recent = new Map<RateCategory, number[]>();
  private daily = { day: '', used: 0 };

  constructor(private readonly plan: SimPlan | null) {}

  /** The window and limit of a category: a second, or a minute for Resource-intensive. */
  private window(category: RateCategory): { ms: number; limit: number } {
    const l = ZOOM_LIMITS[this.plan ?? 'business'];
    if (category === 'resource-intensive') return { ms: 60_000, limit: l.resourceIntensivePerMin };
    return { ms: 1_000, limit: category === 'light' ? l.lightPerSec : category === 'medium' ? l.mediumPerSec : l.heavyPerSec };
  }

  /** Counts a call; the 429 Zoom would answer when it is over a limit (the refused call counts too, as at Zoom). */
  take(category: RateCategory, now: number): ZoomReply | null {
    if (!this.plan) return null;
    const { ms, limit } = this.window(category);
    const kept = (this.recent.get(category) ?? []).filter((t) => now - t < ms);
    kept.push(now);
    this.recent.set(category, kept);
    const sharesDaily = category === 'heavy' || category === 'resource-intensive';
    if (sharesDaily) {
      const day = new Date(now).toISOString().slice(0, 10);
      if (this.daily.day !== day) this.daily = { day, used: 0 };
      this.daily.used++;
      if (this.daily.used > DAILY_LIMIT) {
        return {
          status: 429,
          body: { code: 429, message: `You have reached the maximum daily rate limit for this API. Refer to the response header for details on when you can make another request.` },
          headers: { 'X-RateLimit-Category': LABEL[category], 'X-RateLimit-Type': 'Daily-limit', 'X-RateLimit-Limit': String(DAILY_LIMIT), 'X-RateLimit-Remaining': '0', 'Retry-After': new Date(nextUtcMidnight(now)).toISOString() },
        };
      }
    }
    if (kept.length > limit) {
      const per = ms === 1_000 ? 'per-second' : 'per-minute';
      return {
        status: 429,
        body: { code: 429, message: `You have reached the maximum ${per} rate limit for this API. Try again later.` },
        headers: { 'X-RateLimit-Category': LABEL[category], 'X-RateLimit-Type': 'QPS', 'X-RateLimit-Limit': String(limit), 'X-RateLimit-Remaining': '0' },
      };
    }
    return null;
  }

  /** The headers of an answered call: a per-second category reports its second's allowance, the daily ones
   * count down through the day. */
  headers(category: RateCategory, now: number): Record<string, string> {
    const daily = category === 'heavy' || category === 'resource-intensive';
    if (daily) {
      const used = this.daily.day === new Date(now).toISOString().slice(0, 10) ? this.daily.used : 0;
      return { 'X-RateLimit-Category': LABEL[category], 'X-RateLimit-Type': 'Daily-limit', 'X-RateLimit-Limit': String(DAILY_LIMIT), 'X-RateLimit-Remaining': String(Math.max(0, DAILY_LIMIT - used)) };
    }
    const { limit } = this.window(category);
    const used = (this.recent.get(category) ?? []).filter((t) => now - t < 1_000).length;
    return { 'X-RateLimit-Category': LABEL[category], 'X-RateLimit-Type': 'QPS', 'X-RateLimit-Limit': String(limit), 'X-RateLimit-Remaining': String(Math.max(0, limit - used)) };
  }
}
