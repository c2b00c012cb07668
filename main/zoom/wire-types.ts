// The parts of Zoom's REST bodies that we read. Zoom sends more; unknown fields are ignored.

export interface ZoomPage {
  next_page_token?: string;
  page_size?: number;
  total_records?: number;
}

export interface ZoomUser {
  id: string;
  email?: string;
  first_name?: string;
  last_name?: string;
  display_name?: string;
  /** Personal meeting id: the personal room. */
  pmi?: number;
  status?: string;
}

/** An item of GET /users/{id}/meetings. Meeting types: 1 instant, 2 scheduled, 3 recurring (no fixed
 * time), 4 personal meeting, 8 recurring (fixed time). */
export interface ZoomMeetingSummary {
  uuid?: string;
  id: number;
  host_id?: string;
  topic?: string;
  type?: number;
  start_time?: string;
  duration?: number;
  join_url?: string;
}

/** An item of GET /metrics/meetings?type=live (Dashboard). No join link; has the live count. */
export interface ZoomDashboardMeeting {
  uuid?: string;
  id: number;
  topic?: string;
  host?: string;
  email?: string;
  user_type?: string;
  start_time?: string;
  /** Past meetings (type=past): when it ended. */
  end_time?: string;
  /** Live: how many are in now. Past: how many took part. */
  participants?: number;
}

/** GET /metrics/meetings/{id}/participants?type=live: one row per join; those who left carry leave_time.
 * Many more fields come (device, network, IP address, location): we read the name and times only. */
export interface ZoomDashboardParticipant {
  id?: string;
  user_id?: string;
  participant_user_id?: string;
  user_name?: string;
  join_time?: string;
  leave_time?: string;
}

/** GET /meetings/{id}. Also carries start_url (the host's ZAK), which we never read or keep. */
export interface ZoomMeeting {
  uuid?: string;
  id: number;
  host_id?: string;
  host_email?: string;
  topic?: string;
  type?: number;
  /** 'waiting', 'started' or 'finished'; kept open for what Zoom may add. */
  status?: string;
  start_time?: string;
  join_url?: string;
  password?: string;
  duration?: number;
  /** A recurring meeting's occurrences (the coming ones unless asked for previous ones). */
  occurrences?: { occurrence_id?: string; start_time?: string; duration?: number; status?: string }[];
}

/** The Dashboard's past meetings: `past` lists those more than one person attended, `pastOne` those only
 * one did (a host who waited alone); each meeting is under one of them only. */
export type PastType = 'past' | 'pastOne';
