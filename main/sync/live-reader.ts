// Reads what is live: the Dashboard's one list (with counts) while the account permits it, else each
// host's `type=live` list. A refused Dashboard is tried again later; a daily limit, after midnight UTC.
import type { SyncStrategy } from '../../shared/session.js';
import type { ZoomUser } from '../zoom/wire-types.js';
import type { CallPriority } from '../zoom/call-budget.js';
import { unique } from './catalog-reader.js';
import { dashboardFallback } from './dashboard-fallback.js';
import type { ZoomApi } from './zoom-api.js';
import type { Pacer } from './pacer.js';
import type { LiveMeeting } from './reconcile.js';
import { fromDashboard, fromUserLive } from './zoom-mapping.js';

/** How far back the live list looks for a meeting's start: within the month Zoom allows a query to span. */
export const LIVE_LOOKBACK_DAYS = 28;

/** Why the Dashboard is not in use: Zoom's refusal in words, or a daily limit until then. */
export interface DashboardState {
  refusal: string | null;
  dailyUntil: number | null;
}

export interface LiveReaderOptions {
  zoom: ZoomApi;
  /** Paces the per-host lists (Medium calls). */
  pacer: Pacer;
  now: () => number;
  /** After the Dashboard is refused, try it again this much later. */
  dashboardRetryMs?: number;
  log: (line: string) => void;
}

export class LiveReader {
  strategy: SyncStrategy = 'dashboard';
  dashboard: DashboardState = { refusal: null, dailyUntil: null };
  private retryAt = 0;

  constructor(private readonly opts: LiveReaderOptions) {}

  /** Another account: the Dashboard is tried first again. */
  reset(): void {
    this.strategy = 'dashboard';
    this.dashboard = { refusal: null, dailyUntil: null };
    this.retryAt = 0;
  }

  /** The live meetings now. `users` lists the account's hosts (asked once, when per-host needs them). */
  async read(users: () => Promise<ZoomUser[]>, known: ZoomUser[] | null, priority: CallPriority = 'background'): Promise<LiveMeeting[]> {
    if (this.strategy === 'dashboard' || this.opts.now() >= this.retryAt) {
      const rows = await this.fromDashboard(known, priority);
      if (rows) return rows;
    }
    const hosts = await users();
    const lists = await this.opts.pacer.map(hosts, async (u) =>
      (await this.opts.zoom.listUserMeetings(u.id, 'live')).map((m) => fromUserLive(m, u)),
    );
    return unique(lists.flat());
  }

  /** The Dashboard's list, or null when the account cannot have it (then per-host lists do). */
  private async fromDashboard(known: ZoomUser[] | null, priority: CallPriority): Promise<LiveMeeting[] | null> {
    const usersByEmail = new Map((known ?? []).map((u) => [(u.email ?? '').toLowerCase(), u]));
    try {
      // Zoom's Dashboard lists the live meetings that started within from..to (at most a month): a personal room
      // left open over a weekend started days ago, and is exactly the forgotten meeting to show.
      const today = new Date(this.opts.now());
      const from = new Date(today.getTime() - LIVE_LOOKBACK_DAYS * 86_400_000).toISOString().slice(0, 10);
      const rows = await this.opts.zoom.listDashboardLiveMeetings(from, today.toISOString().slice(0, 10), priority);
      if (this.strategy !== 'dashboard') this.opts.log('Dashboard access is back: live counts come from it again.');
      this.strategy = 'dashboard';
      this.dashboard = { refusal: null, dailyUntil: null };
      return rows.map((r) => fromDashboard(r, usersByEmail));
    } catch (e) {
      const fallback = dashboardFallback(e);
      if (!fallback) throw e;
      if (this.strategy === 'dashboard' || fallback.daily !== this.dashboard.dailyUntil) this.opts.log(`sync: ${fallback.text}: polling each host's live meetings instead.`);
      this.strategy = 'per-host';
      this.dashboard = { refusal: fallback.daily == null ? fallback.text : null, dailyUntil: fallback.daily };
      this.retryAt = fallback.daily ?? this.opts.now() + (this.opts.dashboardRetryMs ?? 15 * 60_000);
      return null;
    }
  }
}
