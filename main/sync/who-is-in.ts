// Who is in a live meeting, by name, in memory only: from Zoom's join and leave events (the per-instance
// ledger) when they know everyone in it, else from the Dashboard's participant list (asked when a person
// asks, within its share of the budget), else counts only and why. In team mode a follower hears no events
// and spends no budget: it says names are on the instance that reads Zoom.
import type { Participants } from '../../shared/api-schema.js';
import type { Session } from '../../shared/session.js';
import type { DashboardRoster } from './dashboard-roster.js';
import type { Ledgers } from './event-reconcile.js';
import { byIso } from '../../shared/clock.js';
import { SessionError } from './errors.js';

type Person = Participants['participants'][number];

export interface WhoIsInContext {
  now: () => number;
  eventsTrusted: () => boolean;
  follower: () => boolean;
  /** The account's Dashboard is in use (and so may be asked). */
  dashboard: () => boolean;
}

const NO_SOURCE =
  "Names come with Zoom's meeting events (set ZOOM_WS_SUBSCRIPTION_ID or ZOOM_WEBHOOK_SECRET) or its Dashboard (Business plans and up); without them Zoom's lists give counts only.";

export class WhoIsIn {
  constructor(
    private readonly ledgers: Ledgers,
    private readonly roster: DashboardRoster,
    private readonly ctx: WhoIsInContext,
  ) {}

  /** For a live session (SessionError('not-live') otherwise). Never throws for Zoom: a refusal is said in `note`. */
  async participants(s: Session): Promise<Participants> {
    if (s.status !== 'live') throw new SessionError('not-live', `“${s.topic || s.meetingId}” is not live.`);
    const asOf = new Date(this.ctx.now()).toISOString();
    const unnamed = (n: number) => Math.max(0, (s.participants ?? n) - n);
    if (this.ctx.follower()) {
      return { participants: [], source: null, asOf, unnamed: s.participants ?? 0, note: 'In team mode names are on the instance that reads Zoom; this one shares its counts only.' };
    }
    const heard = this.fromEvents(s);
    if (heard && unnamed(heard.length) === 0) return { participants: heard, source: 'events', asOf, unnamed: 0, note: null };
    let refused: string | null = null;
    if (this.ctx.dashboard()) {
      const got = await this.roster.read(s.meetingId, s.uuid);
      if ('people' in got) return { participants: got.people, source: 'dashboard', asOf: got.asOf, unnamed: unnamed(got.people.length), note: null };
      refused = got.refused;
    }
    if (heard) {
      const n = unnamed(heard.length);
      return { participants: heard, source: 'events', asOf, unnamed: n, note: `${n === 1 ? '1 person' : `${n} people`} joined before the app was watching.` };
    }
    const note = refused ?? (this.ctx.eventsTrusted() ? 'No join has been seen for this meeting since the app started watching.' : NO_SOURCE);
    return { participants: [], source: null, asOf, unnamed: unnamed(0), note };
  }

  /** The names known without asking Zoom (events, or the Dashboard's answer of the last minute), in join
   * order; null when none are. */
  namesKnown(s: Session): string[] | null {
    const heard = this.fromEvents(s);
    if (heard && heard.length > 0) return heard.map((p) => p.name);
    return this.roster.fresh(s.meetingId, s.uuid)?.map((p) => p.name) ?? null;
  }

  /** The people the events ledger of this instance has, in join order; null when it has no ledger for it. */
  private fromEvents(s: Session): Person[] | null {
    const l = this.ledgers.get(s.meetingId);
    if (!l || l.ended || (l.uuid != null && s.uuid != null && l.uuid !== s.uuid)) return null;
    return [...l.people.values()]
      .sort((a, b) => byIso(a.joinedAt, b.joinedAt))
      .map((p) => ({ name: p.name, joinedAt: p.joinedAt, ...(p.userId ? { userId: p.userId } : {}) }));
  }
}
