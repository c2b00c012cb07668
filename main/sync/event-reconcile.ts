// One Zoom meeting event applied to what we know. Pure but for the ledger it is handed, which
// remembers who is in each live instance so that repeated, reordered and unknown events never
// corrupt a count: a count never goes negative, a `left` before its `joined` cancels it, an `ended`
// for a meeting we do not know or for an older instance changes nothing.
import type { Session, SessionChange } from '../../shared/session.js';
import type { MeetingEvent } from '../zoom/events/zoom-event.js';
import { blankSession } from '../../shared/session.js';
import { endedSession } from './reconcile.js';

/** Someone in a live instance, as its events told us. Personal data: in memory only, gone with the instance. */
export interface Attendee {
  name: string;
  joinedAt: string;
  userId: string | null;
}

export interface InstanceLedger {
  uuid: string | null;
  present: Set<string>;
  /** Names of those present whose join we saw. */
  people: Map<string, Attendee>;
  /** Left before we saw them join (reordered): their join, when it comes, is no change. */
  leftEarly: Set<string>;
  /** We saw this instance start: everyone in it joined while we watched. */
  fromStart: boolean;
  ended: boolean;
}

/** Per meeting id, its current (or last) instance. */
export type Ledgers = Map<string, InstanceLedger>;

const ledger = (uuid: string | null, fromStart: boolean, ended = false): InstanceLedger => ({ uuid, present: new Set(), people: new Map(), leftEarly: new Set(), fromStart, ended });
const sameInstance = (a: string | null, b: string | null) => a == null || b == null || a === b;

/** How a join or leave moves the count (+1, -1 or 0), as the instance's ledger tells it. */
function countChange(l: InstanceLedger, e: MeetingEvent, who: string): number {
  if (e.kind === 'joined') {
    // A leave that overtook its join: the pair is no change.
    if (l.leftEarly.delete(who) || l.present.has(who)) return 0;
    l.present.add(who);
    if (e.name) l.people.set(who, { name: e.name, joinedAt: new Date(e.at).toISOString(), userId: e.userId });
    return 1;
  }
  l.people.delete(who);
  if (l.present.delete(who)) return -1;
  // Not seen joining: it overtook its join (we watched from the start), or it joined before we watched.
  if (l.fromStart) {
    l.leftEarly.add(who);
    return 0;
  }
  return -1;
}

export function applyMeetingEvent(stored: Session | undefined, ledgers: Ledgers, e: MeetingEvent, now: Date): SessionChange[] {
  const at = now.toISOString();
  const known = ledgers.get(e.meetingId);
  const upsert = (session: Session): SessionChange[] => [{ type: 'upsert', session: { ...session, updatedAt: at } }];

  // A new instance: from its `started`, or from a participant event that overtook it.
  const begin = (): Session => {
    ledgers.set(e.meetingId, ledger(e.uuid, true));
    const base = stored ?? blankSession(e.meetingId, 'live-seen', at);
    return {
      ...base,
      uuid: e.uuid ?? base.uuid,
      topic: e.topic || base.topic,
      hostId: e.hostId ?? base.hostId,
      status: 'live',
      participants: 0,
      liveSince: e.startTime ?? new Date(e.at).toISOString(),
      lastLiveAt: at,
    };
  };
  const endedAlready = known?.ended === true && known.uuid != null && known.uuid === e.uuid;

  if (e.kind === 'started') {
    if (endedAlready) return []; // its `ended` came first
    if (stored?.status === 'live' && sameInstance(stored.uuid, e.uuid)) {
      if (!known || !sameInstance(known.uuid, e.uuid)) ledgers.set(e.meetingId, ledger(e.uuid ?? stored.uuid, false));
      return stored.uuid == null && e.uuid ? upsert({ ...stored, uuid: e.uuid }) : [];
    }
    return upsert(begin());
  }

  if (e.kind === 'ended') {
    if (!stored) return [];
    if (stored.status !== 'live') {
      // Remember it, so that a `started` of the same instance arriving late does not revive it.
      if (e.uuid && !(known && known.uuid === e.uuid)) ledgers.set(e.meetingId, ledger(e.uuid, false, true));
      else if (known) known.ended = true;
      return [];
    }
    if (!sameInstance(stored.uuid, e.uuid)) return []; // an older instance's late `ended`
    ledgers.set(e.meetingId, ledger(e.uuid ?? stored.uuid, false, true));
    return upsert(endedSession(stored, now));
  }

  // joined / left. One that overtook its instance's `started` starts it; one of an instance that is
  // over (its late straggler) changes nothing.
  if (!e.participant) return [];
  let current = stored;
  const liveNow = stored?.status === 'live' && sameInstance(stored.uuid, e.uuid);
  if (!liveNow) {
    const straggler = endedAlready || e.uuid == null || (stored != null && stored.uuid === e.uuid);
    if (straggler) return [];
    current = begin();
  }
  const session = current!;
  let l = ledgers.get(e.meetingId);
  if (!l || l.ended || !sameInstance(l.uuid, session.uuid)) {
    l = ledger(session.uuid, false);
    ledgers.set(e.meetingId, l);
  }
  const delta = countChange(l, e, e.participant);
  // An unknown count stays unknown: adding to nothing would show a number that is not true.
  const participants = session.participants == null ? null : Math.max(0, session.participants + delta);
  if (session === stored && participants === stored.participants) return [];
  return upsert({ ...session, participants });
}
