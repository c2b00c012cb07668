// Every Zoom REST call the app makes, in one table: its scope (granular and classic name), its rate-limit
// category and what it is for. The client budgets each call by it, the simulator refuses a call whose scope
// the app lacks and answers with its category's headers, Check setup and `doctor` judge the granted scopes
// by it, and README's scope list is tested against it. Sources: Zoom's API reference (developers.zoom.us/
// docs/api, each endpoint's "Scopes", "Granular Scopes" and "Rate Limit Label"); the paths and query
// fields as Zoom's official SDK (zoom/rivet-javascript, @zoom/rivet 0.4.0) has them.

/** Zoom's rate-limit labels. */
export type RateCategory = 'light' | 'medium' | 'heavy' | 'resource-intensive';

export type ZoomPlan = 'pro' | 'business';

/** Zoom's published limits: requests per second for Light, Medium and Heavy, per minute for
 * Resource-intensive (Heavy and Resource-intensive also share a daily budget). */
export const ZOOM_LIMITS: Record<ZoomPlan, { lightPerSec: number; mediumPerSec: number; heavyPerSec: number; resourceIntensivePerMin: number }> = {
  pro: { lightPerSec: 30, mediumPerSec: 20, heavyPerSec: 10, resourceIntensivePerMin: 10 },
  business: { lightPerSec: 80, mediumPerSec: 60, heavyPerSec: 40, resourceIntensivePerMin: 20 },
};

export type ZoomCallName = 'users' | 'user-meetings' | 'meeting' | 'end-meeting' | 'dashboard' | 'dashboard-participants';

export interface ZoomCall {
  method: 'GET' | 'PUT';
  /** As Zoom's reference writes it. */
  path: string;
  category: RateCategory;
  /** The granular scope (apps made since 2024) and the classic one (older apps): either is enough. */
  granular: string;
  classic: string;
  /** The feature it serves, in words (calls of one feature are granted together). */
  feature: string;
  /** Without it the app works with less: that one feature is off, with a note naming the scope. */
  optional?: boolean;
}

export const ZOOM_CALLS: Readonly<Record<ZoomCallName, ZoomCall>> = {
  users: { method: 'GET', path: '/users', category: 'medium', granular: 'user:read:list_users:admin', classic: 'user:read:admin', feature: "the account's active hosts and their personal rooms" },
  'user-meetings': { method: 'GET', path: '/users/{userId}/meetings', category: 'medium', granular: 'meeting:read:list_meetings:admin', classic: 'meeting:read:admin', feature: 'scheduled, recurring and live meetings, join links' },
  meeting: { method: 'GET', path: '/meetings/{meetingId}', category: 'light', granular: 'meeting:read:meeting:admin', classic: 'meeting:read:admin', feature: 'scheduled, recurring and live meetings, join links' },
  'end-meeting': { method: 'PUT', path: '/meetings/{meetingId}/status', category: 'light', granular: 'meeting:update:status:admin', classic: 'meeting:write:admin', feature: 'the End button' },
  dashboard: {
    method: 'GET',
    path: '/metrics/meetings',
    category: 'resource-intensive',
    granular: 'dashboard:read:list_meetings:admin',
    classic: 'dashboard_meetings:read:admin',
    feature: 'every live meeting with its participant count in one call, and the usage history (Business plans and above)',
    optional: true,
  },
  'dashboard-participants': {
    method: 'GET',
    path: '/metrics/meetings/{meetingId}/participants',
    category: 'heavy',
    granular: 'dashboard:read:list_meeting_participants:admin',
    classic: 'dashboard_meetings:read:admin',
    feature: 'who is in a meeting, when events cannot say (Business plans and above)',
    optional: true,
  },
};

/** The scopes of one feature. */
export interface ZoomScope {
  granular: string[];
  classic: string;
  why: string;
  optional?: boolean;
}

/** The scopes by feature, in the table's order: the setup screen, Check setup, `doctor` and README list these. */
export const ZOOM_SCOPES: readonly ZoomScope[] = (() => {
  const byFeature = new Map<string, ZoomScope>();
  for (const call of Object.values(ZOOM_CALLS)) {
    const s = byFeature.get(call.feature) ?? { granular: [], classic: call.classic, why: call.feature, ...(call.optional ? { optional: true } : {}) };
    if (!s.granular.includes(call.granular)) s.granular.push(call.granular);
    byFeature.set(call.feature, s);
  }
  return [...byFeature.values()];
})();

export const REQUIRED_SCOPE_NAMES = ZOOM_SCOPES.filter((s) => !s.optional).flatMap((s) => s.granular);

/** Whether granted scopes allow a call: its granular scope or its classic one. */
export function callAllowed(call: ZoomCall, granted: ReadonlySet<string>): boolean {
  return granted.has(call.granular) || granted.has(call.classic);
}

/** What to tell a person when Zoom refused a call for want of its scope. */
export function missingScopeNote(name: ZoomCallName): string {
  const c = ZOOM_CALLS[name];
  return `The Zoom app lacks the scope ${c.granular} (${c.feature}): add it (or ${c.classic}) in the Zoom App Marketplace, then activate the app again.`;
}

/** README's scope table, row by row (a test holds README to it). */
export function scopeTableRows(): string[] {
  return ZOOM_SCOPES.map((s) => `| ${s.granular.map((g) => `\`${g}\``).join(', ')} (\`${s.classic}\`)${s.optional ? ', optional' : ''} | ${s.why} |`);
}
