// How often we may call Zoom. Rate limits are per account and shared with every other app on it,
// so we spend at most a quarter of each category's budget. Pure arithmetic, table-tested. The limits
// themselves are the Zoom layer's (zoom/rate-limits.ts): its call budget enforces them on every call.
import { BUDGET_SHARE, ZOOM_LIMITS, type ZoomPlan } from '../zoom/rate-limits.js';

export { BUDGET_SHARE, ZOOM_LIMITS, type ZoomPlan };

/** Resource-intensive calls a minute kept, out of our share, for reads that are not the live list (the
 * usage history's backfill); the live poll takes the rest. */
export const ON_DEMAND_RESOURCE_PER_MIN = 1;
export const PAGE_SIZE = 300;

export interface LiveIntervalInput {
  strategy: 'dashboard' | 'per-host';
  /** Active users (hosts) polled one call each in per-host mode. */
  hosts: number;
  /** Live meetings now: the Dashboard list pages by 300. */
  live: number;
  plan: ZoomPlan;
  /** The interval the user asked for (default 10 s); we never poll faster. */
  preferredMs: number;
}

/** The live poll interval: the preferred one, stretched until a quarter of the budget covers it. */
export function liveIntervalMs(input: LiveIntervalInput): number {
  const limits = ZOOM_LIMITS[input.plan];
  let minMs: number;
  if (input.strategy === 'dashboard') {
    // The Dashboard exists on Business+ only; its limit is per minute.
    const pages = Math.max(1, Math.ceil(input.live / PAGE_SIZE));
    const callsPerMin = limits.resourceIntensivePerMin * BUDGET_SHARE - ON_DEMAND_RESOURCE_PER_MIN;
    minMs = (pages / callsPerMin) * 60_000;
  } else {
    const callsPerSec = limits.mediumPerSec * BUDGET_SHARE;
    minMs = (Math.max(1, input.hosts) / callsPerSec) * 1000;
  }
  return Math.max(input.preferredMs, Math.ceil(minMs));
}

/** Calls per second we allow ourselves in a burst of Medium calls (per-host lists, catalog). */
export function mediumCallsPerSecond(plan: ZoomPlan): number {
  return Math.max(1, Math.floor(ZOOM_LIMITS[plan].mediumPerSec * BUDGET_SHARE));
}

/** Calls per second we allow ourselves in a burst of Light calls (meeting details). */
export function lightCallsPerSecond(plan: ZoomPlan): number {
  return Math.max(1, Math.floor(ZOOM_LIMITS[plan].lightPerSec * BUDGET_SHARE));
}
