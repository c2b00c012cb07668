// Zoom's wire objects -> the reconcile inputs. Pure.
import type { ZoomDashboardMeeting, ZoomMeeting, ZoomMeetingSummary, ZoomUser } from '../zoom/wire-types.js';
import type { CatalogMeeting, CatalogSource, LiveMeeting, MeetingDetails } from './reconcile.js';
import { byIso } from '../../shared/clock.js';

export function userName(u: ZoomUser): string | null {
  const name = u.display_name ?? [u.first_name, u.last_name].filter(Boolean).join(' ');
  return name || null;
}

export function fromDashboard(m: ZoomDashboardMeeting, usersByEmail: ReadonlyMap<string, ZoomUser>): LiveMeeting {
  const host = m.email ? usersByEmail.get(m.email.toLowerCase()) : undefined;
  return {
    meetingId: String(m.id),
    uuid: m.uuid ?? null,
    topic: m.topic ?? '',
    hostId: host?.id ?? null,
    hostName: m.host || (host ? userName(host) : null),
    hostEmail: m.email || null,
    participants: typeof m.participants === 'number' ? Math.max(0, m.participants) : null,
    startedAt: m.start_time ?? null,
    joinUrl: null,
  };
}

export function fromUserLive(m: ZoomMeetingSummary, host: ZoomUser): LiveMeeting {
  return {
    meetingId: String(m.id),
    uuid: m.uuid ?? null,
    topic: m.topic ?? '',
    hostId: host.id,
    hostName: userName(host),
    hostEmail: host.email ?? null,
    participants: null,
    startedAt: m.start_time ?? null,
    joinUrl: m.join_url ?? null,
  };
}

const SOURCE_BY_TYPE: Record<number, CatalogSource> = { 2: 'scheduled', 3: 'recurring', 8: 'recurring', 4: 'personal' };

/** A user's scheduled list item; null for kinds that are not catalog meetings (instant ones). */
export function fromScheduled(m: ZoomMeetingSummary, host: ZoomUser): CatalogMeeting | null {
  const source = SOURCE_BY_TYPE[m.type ?? 2];
  if (!source) return null;
  return {
    meetingId: String(m.id),
    topic: m.topic ?? '',
    hostId: host.id,
    hostName: userName(host),
    hostEmail: host.email ?? null,
    joinUrl: m.join_url ?? null,
    source,
    // A recurring meeting without fixed time has no next start.
    nextStartAt: m.type === 3 ? null : (m.start_time ?? null),
    nextEndAt: m.type === 3 ? null : bookingEnd(m.start_time, m.duration),
  };
}

/** start + duration (minutes), or null when either is missing or not a time. */
function bookingEnd(start: string | undefined, minutes: number | undefined): string | null {
  const t = start ? Date.parse(start) : NaN;
  if (!Number.isFinite(t) || typeof minutes !== 'number' || !(minutes > 0)) return null;
  return new Date(t + minutes * 60_000).toISOString();
}

export function personalRoom(u: ZoomUser): CatalogMeeting | null {
  if (!u.pmi) return null;
  const name = userName(u);
  return {
    meetingId: String(u.pmi),
    topic: name ? `${name}'s Personal Meeting Room` : 'Personal Meeting Room',
    hostId: u.id,
    hostName: name,
    hostEmail: u.email ?? null,
    joinUrl: null, // the list of users has no link; asked for once with GET /meetings/{pmi}
    source: 'personal',
    nextStartAt: null,
    nextEndAt: null,
  };
}

export function detailsOf(meetingId: string, m: ZoomMeeting | null): MeetingDetails {
  // start_url carries the host's ZAK: never read, never kept.
  return {
    meetingId,
    joinUrl: m?.join_url ?? null,
    hostId: m?.host_id ?? null,
    hostEmail: m?.host_email ?? null,
    passcode: m ? (m.password ?? '') : null,
    bookings: occurrencesOf(m),
  };
}

/** A recurring meeting's occurrences as bookings (start, start + duration), deleted ones left out, soonest first. */
function occurrencesOf(m: ZoomMeeting | null): MeetingDetails['bookings'] {
  if (!m?.occurrences?.length) return null;
  return m.occurrences
    .filter((o) => o.status !== 'deleted' && o.start_time && Number.isFinite(Date.parse(o.start_time)))
    .map((o) => ({ startAt: new Date(o.start_time!).toISOString(), endAt: bookingEnd(o.start_time, o.duration ?? m.duration) }))
    .sort((a, b) => byIso(a.startAt, b.startAt));
}
