// What sync needs of Zoom: ZoomClient (and ZoomConnection, which holds the account's client) implement it.
import type { RateLimitState } from '../../shared/session.js';
import type { CallBudget, CallPriority } from '../zoom/call-budget.js';
import type { ZoomDashboardMeeting, ZoomDashboardParticipant, ZoomMeeting, ZoomMeetingSummary, ZoomUser, PastType } from '../zoom/wire-types.js';

/** What the engine needs of the Zoom client (ZoomClient implements it). */
export interface ZoomApi {
  listActiveUsers(): Promise<ZoomUser[]>;
  listUserMeetings(userId: string, type: 'scheduled' | 'live'): Promise<ZoomMeetingSummary[]>;
  /** `exempt` when a person pressed Refresh now. */
  listDashboardLiveMeetings(from: string, to: string, priority?: CallPriority): Promise<ZoomDashboardMeeting[]>;
  /** One page of the Dashboard's past meetings of one UTC day (the usage history's backfill). */
  dashboardPastPage(day: string, type: PastType, pageToken: string | null): Promise<{ meetings: ZoomDashboardMeeting[]; next: string | null }>;
  /** Who is in a live meeting, from the Dashboard (Resource-intensive): asked on demand only. */
  listDashboardParticipants(meetingId: string): Promise<ZoomDashboardParticipant[]>;
  /** `exempt` for a person about to join: it never waits for the budget. */
  getMeeting(meetingId: string, priority?: CallPriority): Promise<ZoomMeeting>;
  endMeeting(meetingId: string): Promise<void>;
  readonly rateLimits: { snapshot(now: number): RateLimitState[] };
  /** false while no Zoom account is set up (ZoomConnection); a ZoomClient always is. */
  readonly configured?: boolean;
  /** The account's one gate for every Zoom call, when it has one. */
  readonly budget?: Pick<CallBudget, 'waitMs' | 'dropBackground'> | null;
}
