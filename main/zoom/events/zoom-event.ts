// Zoom's meeting events as they arrive (webhook body, or a WebSocket message's `content`), and the
// one shape the engine uses. Pure; anything that is not a meeting event we follow becomes null.

export interface ZoomEventParticipant {
  id?: string;
  user_id?: string;
  participant_uuid?: string;
  user_name?: string;
  join_time?: string;
  leave_time?: string;
}

export interface ZoomEventBody {
  event: string;
  event_ts?: number;
  payload?: {
    account_id?: string;
    plainToken?: string;
    object?: {
      id?: string | number;
      uuid?: string;
      host_id?: string;
      topic?: string;
      type?: number;
      start_time?: string;
      end_time?: string;
      participant?: ZoomEventParticipant;
    };
  };
}

export type MeetingEventKind = 'started' | 'ended' | 'joined' | 'left';

export interface MeetingEvent {
  kind: MeetingEventKind;
  meetingId: string;
  /** The instance; Zoom always sends it, but we do not rely on it. */
  uuid: string | null;
  topic: string | null;
  hostId: string | null;
  /** When Zoom says it happened (epoch ms): start, end, join or leave time, else event_ts. */
  at: number;
  startTime: string | null;
  /** Who joined or left: participant_uuid, else id, else user_id. */
  participant: string | null;
  /** Their name as Zoom shows it (personal data: kept in memory only), and Zoom's user_id. */
  name: string | null;
  userId: string | null;
}

const KINDS: Record<string, MeetingEventKind> = {
  'meeting.started': 'started',
  'meeting.ended': 'ended',
  'meeting.participant_joined': 'joined',
  'meeting.participant_left': 'left',
};

const time = (iso: string | undefined): number | null => {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(t) ? t : null;
};

export function parseZoomEvent(body: unknown, now: number): MeetingEvent | null {
  if (!body || typeof body !== 'object') return null;
  const b = body as ZoomEventBody;
  const kind = KINDS[b.event];
  const o = b.payload?.object;
  if (!kind || !o || o.id == null || !/^\d{1,20}$/.test(String(o.id))) return null;
  const p = o.participant;
  const participant = p ? (p.participant_uuid || p.id || p.user_id || null) : null;
  if ((kind === 'joined' || kind === 'left') && !participant) return null;
  const own = kind === 'started' ? time(o.start_time) : kind === 'ended' ? time(o.end_time) : kind === 'joined' ? time(p?.join_time) : time(p?.leave_time);
  return {
    kind,
    meetingId: String(o.id),
    uuid: o.uuid || null,
    topic: o.topic ?? null,
    hostId: o.host_id || null,
    at: own ?? (typeof b.event_ts === 'number' ? b.event_ts : now),
    startTime: o.start_time ?? null,
    participant,
    name: typeof p?.user_name === 'string' && p.user_name.trim() ? p.user_name.trim().slice(0, 200) : null,
    userId: typeof p?.user_id === 'string' && p.user_id ? p.user_id.slice(0, 64) : null,
  };
}

/** Zoom retries a webhook it thinks failed, and a flaky link can repeat a message: one key per happening. */
export function eventKey(e: MeetingEvent): string {
  return `${e.kind}|${e.meetingId}|${e.uuid ?? ''}|${e.participant ?? ''}|${e.at}`;
}
