// Who is in a live meeting, from Zoom's Dashboard (Resource-intensive), when events cannot say: read only
// when a person asks, at most ON_DEMAND_RESOURCE_PER_MIN calls a minute (the share of the budget the live
// poll leaves for it, rate-budget.ts), each answer kept ROSTER_CACHE_MS for that instance. Names live in
// this memory only: never stored, never logged, gone with the instance (or the account).
import type { Participants } from '../../shared/api-schema.js';
import { isZoomError } from '../zoom/errors.js';
import type { ZoomDashboardParticipant } from '../zoom/wire-types.js';
import type { ResourceShare } from './resource-share.js';
import type { ZoomApi } from './zoom-api.js';
import { byIso } from '../../shared/clock.js';

export const ROSTER_CACHE_MS = 60_000;
/** A person waits this long at most for the budget's slot; longer, and they hear when to ask again. */
export const ROSTER_WAIT_MS = 5_000;
const MAX_NAME = 200;

type Person = Participants['participants'][number];

/** The people in now: the Dashboard lists every join, and a join with a leave_time is over. One row per
 * person (a rejoin is listed again): the latest join that has not left. Pure. */
export function inNow(rows: readonly ZoomDashboardParticipant[]): Person[] {
  const byWho = new Map<string, Person>();
  for (const r of rows) {
    if (r.leave_time || typeof r.user_name !== 'string' || !r.join_time || !Number.isFinite(Date.parse(r.join_time))) continue;
    const userId = r.participant_user_id || r.id || r.user_id || '';
    const key = userId || `${r.user_name}|${r.join_time}`;
    const person: Person = { name: r.user_name.slice(0, MAX_NAME), joinedAt: new Date(r.join_time).toISOString(), ...(userId ? { userId } : {}) };
    const known = byWho.get(key);
    if (!known || known.joinedAt < person.joinedAt) byWho.set(key, person);
  }
  return [...byWho.values()].sort((a, b) => byIso(a.joinedAt, b.joinedAt));
}

export type RosterAnswer = { people: Person[]; asOf: string } | { refused: string };

export class DashboardRoster {
  private readonly cache = new Map<string, { uuid: string | null; at: number; people: Person[] }>();

  constructor(
    private readonly zoom: Pick<ZoomApi, 'listDashboardParticipants' | 'budget'>,
    private readonly now: () => number,
    /** The on-demand share of the Resource-intensive budget. */
    private readonly share: ResourceShare,
  ) {}

  /** The answer of the last minute for this instance, without asking Zoom; null when there is none. */
  fresh(meetingId: string, uuid: string | null): Person[] | null {
    const cached = this.cache.get(meetingId);
    return cached && cached.uuid === uuid && this.now() - cached.at < ROSTER_CACHE_MS ? cached.people : null;
  }

  /** The people in this instance now: from the cache while fresh, else from Zoom if the budget allows. */
  async read(meetingId: string, uuid: string | null): Promise<RosterAnswer> {
    const now = this.now();
    const cached = this.fresh(meetingId, uuid);
    if (cached) return { people: cached, asOf: new Date(this.cache.get(meetingId)!.at).toISOString() };
    // The share says whether names may take this minute's slot; the account's budget, whether the slot is free
    // (after a restart or another caller's burst it may not be).
    const budgetWait = this.zoom.budget?.waitMs('resource-intensive', 'person') ?? 0;
    if (budgetWait > ROSTER_WAIT_MS || !this.share.take(now)) {
      const wait = Math.ceil(Math.max(budgetWait, this.share.waitMs(now)) / 1000);
      return { refused: `Names come from Zoom's Dashboard, which may be asked once a minute for this; ask again in ${wait} s.` };
    }
    try {
      const people = inNow(await this.zoom.listDashboardParticipants(meetingId));
      this.cache.set(meetingId, { uuid, at: now, people });
      return { people, asOf: new Date(now).toISOString() };
    } catch (e) {
      if (!isZoomError(e)) throw e;
      return { refused: `Zoom's Dashboard did not give the names: ${e.message}` };
    }
  }

  /** This meeting's instance is over: its names go. */
  forget(meetingId: string): void {
    this.cache.delete(meetingId);
  }

  clear(): void {
    this.cache.clear();
  }
}
