// The simulated Zoom account: users, meetings and live instances, changed by the control API,
// the demo loop or tests, and read by the REST routes in Zoom's wire format.
import { randomBytes } from 'node:crypto';

/** Zoom meeting types: 1 instant, 2 scheduled, 3 recurring without fixed time, 4 personal room,
 * 8 recurring with fixed time. */
export type SimMeetingType = 1 | 2 | 3 | 4 | 8;

export interface SimUser {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  pmi: number;
  status: 'active' | 'inactive' | 'pending';
}

export interface SimLive {
  uuid: string;
  startedAt: string;
  participants: number;
  /** Who is in, in join order: the key participant events use, the name they carry, when they joined. */
  attendees: SimAttendee[];
  /** Who was in and left, as the Dashboard's participant list still shows them. */
  left: (SimAttendee & { leftAt: string })[];
}

export interface SimAttendee {
  who: string;
  name: string;
  joinedAt: string;
}

/** A meeting event in Zoom's wire format, before the event hub adds the account id. */
export interface SimEventBody {
  event: 'meeting.started' | 'meeting.ended' | 'meeting.participant_joined' | 'meeting.participant_left';
  event_ts: number;
  payload: { account_id?: string; object: Record<string, unknown> };
}

export interface SimMeeting {
  id: number;
  hostId: string;
  topic: string;
  type: SimMeetingType;
  startTime: string | null;
  /** Booked minutes (Zoom's duration). */
  duration: number;
  /** The passcode as typed, and its encrypted form that goes into join_url's pwd. */
  password: string;
  encryptedPassword: string;
  live: SimLive | null;
  createdAt: string;
  /** A join_url to answer instead of Zoom's own: tests of hostile data. */
  joinUrlOverride?: string;
  occurrences?: SimOccurrence[];
}

export interface NewMeeting {
  hostId: string;
  topic: string;
  type?: SimMeetingType;
  startTime?: string | null;
  duration?: number;
  id?: number;
  /** Empty string for a meeting without passcode. */
  password?: string;
  /** A recurring meeting's occurrences, as GET /meetings/{id} lists them. */
  occurrences?: SimOccurrence[];
}

export interface SimOccurrence {
  start: string;
  duration: number;
  status?: 'available' | 'deleted';
}

/** A meeting instance that ended, as the Dashboard's past list gives it. */
export interface SimPast {
  uuid: string;
  id: number;
  topic: string;
  hostId: string;
  startedAt: string;
  endedAt: string;
  /** Everyone who took part. */
  participants: number;
}

export class SimAccount {
  readonly users = new Map<string, SimUser>();
  readonly meetings = new Map<number, SimMeeting>();
  /** Instances that ended, oldest first (tests may add their own). */
  readonly past: SimPast[] = [];
  /** Meeting ids ended through the REST API, in order: tests check that End reached "Zoom". */
  readonly endedViaApi: number[] = [];
  /** Hosts whose meetings Zoom will not end through the API, with Zoom's refusal: 3063 (an on-premise user),
   * 3161 (hosting not allowed for the user). */
  readonly endRefusals = new Map<string, { code: 3063 | 3161; message: string }>();
  /** Meetings whose End Zoom accepts (204) without carrying it out: they stay live. */
  readonly endNotCarriedOut = new Set<number>();
  private nextId = 81_000_000_000;
  private nextParticipant = 1;
  private readonly listeners = new Set<(e: SimEventBody) => void>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Meeting events as Zoom would push them (the event hub delivers them by WebSocket and webhook). */
  onEvent(fn: (e: SimEventBody) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  addUser(u: { email: string; firstName?: string; lastName?: string; id?: string; status?: SimUser['status'] }): SimUser {
    const user: SimUser = {
      id: u.id ?? randomBytes(11).toString('base64url').slice(0, 22),
      email: u.email,
      firstName: u.firstName ?? u.email.split('@')[0] ?? 'User',
      lastName: u.lastName ?? '',
      pmi: this.takeId(),
      status: u.status ?? 'active',
    };
    this.users.set(user.id, user);
    // The personal room exists as a meeting of type 4 from the start.
    this.addMeeting({ hostId: user.id, topic: `${user.firstName}'s Personal Meeting Room`, type: 4, id: user.pmi });
    return user;
  }

  addMeeting(m: NewMeeting): SimMeeting {
    if (!this.users.has(m.hostId)) throw new SimError(404, 1001, `User does not exist: ${m.hostId}.`);
    const password = m.password ?? randomBytes(4).toString('hex');
    const meeting: SimMeeting = {
      id: m.id ?? this.takeId(),
      hostId: m.hostId,
      topic: m.topic,
      type: m.type ?? 2,
      startTime: m.startTime ?? (m.type === 3 || m.type === 4 || m.type === 1 ? null : new Date(this.now() + 3_600_000).toISOString()),
      duration: m.duration ?? 60,
      password,
      encryptedPassword: password ? randomBytes(24).toString('base64url') : '',
      live: null,
      createdAt: new Date(this.now()).toISOString(),
      ...(m.occurrences ? { occurrences: m.occurrences } : {}),
    };
    this.meetings.set(meeting.id, meeting);
    return meeting;
  }

  deleteMeeting(id: number): void {
    this.meeting(id);
    this.meetings.delete(id);
  }

  meeting(id: number): SimMeeting {
    const m = this.meetings.get(id);
    if (!m) throw new SimError(404, 3001, `Meeting does not exist: ${id}.`);
    return m;
  }

  joinUrl(m: SimMeeting): string {
    if (m.joinUrlOverride != null) return m.joinUrlOverride;
    return `https://zoom.us/j/${m.id}${m.encryptedPassword ? `?pwd=${m.encryptedPassword}` : ''}`;
  }

  /** Starts a meeting (`startedAt`: as if it had started then, for a demo or a test) with `participants`. */
  start(id: number, participants = 1, names: readonly string[] = [], startedAt = this.now()): SimMeeting {
    const m = this.meeting(id);
    if (!m.live) {
      m.live = { uuid: randomBytes(16).toString('base64'), startedAt: new Date(startedAt).toISOString(), participants: 0, attendees: [], left: [] };
      this.emit('meeting.started', m);
    }
    return this.join(id, participants, names);
  }

  /** `count` people join (named from `names`, in turn, else "Guest P-n"); a meeting not live starts. */
  join(id: number, count = 1, names: readonly string[] = []): SimMeeting {
    const m = this.meeting(id);
    if (!m.live) return this.start(id, count, names);
    for (let i = 0; i < count; i++) {
      const who = `P-${this.nextParticipant++}`;
      const attendee = { who, name: names[i] ?? `Guest ${who}`, joinedAt: new Date(this.now()).toISOString() };
      m.live.attendees.push(attendee);
      m.live.participants++;
      this.emit('meeting.participant_joined', m, { ...participantFields(attendee), join_time: attendee.joinedAt });
    }
    return m;
  }

  /** The last `count` to join leave. The last one out ends the meeting, as when the host leaves without
   * handing over, unless `keepOpen` (a meeting that runs on empty, as one that lets people join before the host). */
  leave(id: number, count = 1, opts: { keepOpen?: boolean } = {}): SimMeeting {
    const m = this.meeting(id);
    if (!m.live) return m;
    for (let i = 0; i < count && m.live.participants > 0; i++) {
      const gone = m.live.attendees.pop();
      m.live.participants--;
      if (!gone) continue;
      const leftAt = new Date(this.now()).toISOString();
      m.live.left.push({ ...gone, leftAt });
      this.emit('meeting.participant_left', m, { ...participantFields(gone), leave_time: leftAt });
    }
    if (m.live.participants === 0 && !opts.keepOpen) this.end(id);
    return m;
  }

  end(id: number): SimMeeting {
    const m = this.meeting(id);
    if (m.live) {
      const endedAt = new Date(this.now()).toISOString();
      this.past.push({ uuid: m.live.uuid, id: m.id, topic: m.topic, hostId: m.hostId, startedAt: m.live.startedAt, endedAt, participants: m.live.attendees.length + m.live.left.length });
      this.emit('meeting.ended', m, undefined, endedAt);
    }
    m.live = null;
    // An instant meeting is gone once it ends.
    if (m.type === 1) this.meetings.delete(id);
    return m;
  }

  private emit(event: SimEventBody['event'], m: SimMeeting, participant?: Record<string, string>, endTime?: string): void {
    if (this.listeners.size === 0) return;
    const body: SimEventBody = {
      event,
      event_ts: this.now(),
      payload: {
        object: {
          id: String(m.id), // a string in events, though the REST API gives a number
          uuid: m.live?.uuid,
          host_id: m.hostId,
          topic: m.topic,
          type: m.type,
          start_time: m.live?.startedAt,
          ...(endTime ? { end_time: endTime } : {}),
          ...(participant ? { participant } : {}),
        },
      },
    };
    for (const fn of this.listeners) fn(body);
  }

  liveMeetings(): SimMeeting[] {
    return [...this.meetings.values()].filter((m) => m.live);
  }

  private takeId(): number {
    return this.nextId++; // sequential, 11 digits like Zoom's
  }
}

/** A participant as Zoom's events describe one: `user_id` always (a per-join number for guests), `id` ""
 * for guests, `participant_uuid` only sometimes (here: every other one). */
export function participantFields({ who, name }: SimAttendee): Record<string, string> {
  const n = Number(who.slice(2));
  return {
    user_id: String(16_778_240 + n),
    user_name: name,
    id: '',
    email: '',
    ...(n % 2 === 0 ? { participant_uuid: who } : {}),
  };
}

export class SimError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}
