// Who is in a live meeting, from Zoom's Dashboard (its participants call is Heavy: it does not take the live
// poll's Resource-intensive minute), when events cannot say: read only when a person asks, each answer kept
// ROSTER_CACHE_MS for that instance. Names live in this memory only: never stored, never logged, gone with
// the instance (or the account).
import type { Participants } from '../../shared/api-schema.js';
import { isZoomError } from '../zoom/errors.js';
import type { ZoomDashboardParticipant } from '../zoom/wire-types.js';
import type { ZoomApi } from './zoom-api.js';
import { byIso } from '../../shared/clock.js';
import { missingScopeNote, ZOOM_CALLS } from '../../shared/zoom-calls.js';

export const ROSTER_CACHE_MS = 60_000;
/** A person waits this long at most for the budget's slot; longer, and they hear when to ask again. */
export const ROSTER_WAIT_MS = 5_000;
/** After Zoom refused the scope, names are not asked for again this long (the app may get the scope). */
export const SCOPE_RETRY_MS = 10 * 60_000;
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
  /** Zoom refused the participants scope: this feature is off until then (the rest works on). */
  private noScope: { until: number; note: string } | null = null;

  constructor(
    private readonly zoom: Pick<ZoomApi, 'listDashboardParticipants' | 'budget'>,
    private readonly now: () => number,
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
    if (this.noScope && now < this.noScope.until) return { refused: this.noScope.note };
    // The account's budget says whether the call could go soon (another caller's burst may hold it).
    const budgetWait = this.zoom.budget?.waitMs(ZOOM_CALLS['dashboard-participants'].category, 'person') ?? 0;
    if (budgetWait > ROSTER_WAIT_MS) {
      return { refused: `Zoom's limit for reading names is in use; ask again in ${Math.ceil(budgetWait / 1000)} s.` };
    }
    try {
      const people = inNow(await this.zoom.listDashboardParticipants(meetingId));
      this.cache.set(meetingId, { uuid, at: now, people });
      return { people, asOf: new Date(now).toISOString() };
    } catch (e) {
      if (!isZoomError(e)) throw e;
      if (e.kind === 'forbidden') {
        this.noScope = { until: now + SCOPE_RETRY_MS, note: `Names cannot be read: ${missingScopeNote('dashboard-participants')}` };
        return { refused: this.noScope.note };
      }
      return { refused: `Zoom's Dashboard did not give the names: ${e.message}` };
    }
  }

  /** This meeting's instance is over: its names go. */
  forget(meetingId: string): void {
    this.cache.delete(meetingId);
  }

  clear(): void {
    this.cache.clear();
    this.noScope = null;
  }
}
