// The Zoom account in use, which the setup screen can change while the service runs: the engine
// holds this one object and every call goes to the client of the moment.
import type { CallPriority } from './call-budget.js';
import { ZoomClient, type MeetingListType } from './client.js';
import { ZoomError } from './errors.js';
import type { RateLimitState } from '../../shared/session.js';
import type { ZoomDashboardMeeting, ZoomDashboardParticipant, ZoomMeeting, ZoomMeetingSummary, ZoomUser, PastType } from './wire-types.js';

export class ZoomConnection {
  private client: ZoomClient | null = null;
  readonly rateLimits = {
    snapshot: (now: number): RateLimitState[] => this.client?.rateLimits.snapshot(now) ?? [],
  };

  constructor(client: ZoomClient | null = null) {
    this.client = client;
  }

  /** The account's call budget (who-is-in asks how long a person would wait). */
  get budget() {
    return this.client?.budget ?? null;
  }

  get configured(): boolean {
    return this.client != null;
  }

  /** The client in use (tests and the benchmark count its calls); null until set up. */
  get current(): ZoomClient | null {
    return this.client;
  }

  use(client: ZoomClient | null): void {
    this.client = client;
  }

  async listActiveUsers(): Promise<ZoomUser[]> {
    return this.need().listActiveUsers();
  }

  async listUserMeetings(userId: string, type: MeetingListType): Promise<ZoomMeetingSummary[]> {
    return this.need().listUserMeetings(userId, type);
  }

  async listDashboardLiveMeetings(from: string, to: string, priority?: CallPriority): Promise<ZoomDashboardMeeting[]> {
    return this.need().listDashboardLiveMeetings(from, to, priority);
  }

  async dashboardPastPage(day: string, type: PastType, pageToken: string | null): Promise<{ meetings: ZoomDashboardMeeting[]; next: string | null }> {
    return this.need().dashboardPastPage(day, type, pageToken);
  }

  async listDashboardParticipants(meetingId: string): Promise<ZoomDashboardParticipant[]> {
    return this.need().listDashboardParticipants(meetingId);
  }

  async getMeeting(meetingId: string, priority?: CallPriority): Promise<ZoomMeeting> {
    return this.need().getMeeting(meetingId, priority);
  }

  async endMeeting(meetingId: string): Promise<void> {
    return this.need().endMeeting(meetingId);
  }

  private need(): ZoomClient {
    if (this.client) return this.client;
    throw new ZoomError('auth', 'Zoom is not set up yet: open the dashboard and enter your Server-to-Server OAuth app, or try the demo account.');
  }
}
