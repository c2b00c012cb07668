// Which changes deserve a notification: a session that went live, or ended (each can be turned off),
// never a flood — at most a few at once, the rest summed up. Pure.
import type { SessionChange } from '../../shared/session.js';

export interface Notice {
  title: string;
  body: string;
  /** Clicking joins this meeting; null opens the dashboard. */
  meetingId: string | null;
}

export interface NoticePrefs {
  started: boolean;
  ended: boolean;
  paused: boolean;
}

const MAX_AT_ONCE = 3;

/** `wasLive`: the meetings that were live before these changes. */
export function noticesFor(changes: readonly SessionChange[], wasLive: ReadonlySet<string>, prefs: NoticePrefs): Notice[] {
  if (prefs.paused) return [];
  const out: Notice[] = [];
  for (const c of changes) {
    if (c.type !== 'upsert') continue;
    const s = c.session;
    const was = wasLive.has(s.meetingId);
    const topic = s.topic || 'A meeting';
    if (prefs.started && s.status === 'live' && !was) {
      out.push({ title: `${topic} is live`, body: [s.hostName ?? s.hostEmail, 'click to join'].filter(Boolean).join(' · '), meetingId: s.meetingId });
    } else if (prefs.ended && s.status === 'available' && was) {
      out.push({ title: `${topic} ended`, body: 'It is available again.', meetingId: null });
    }
  }
  if (out.length <= MAX_AT_ONCE) return out;
  return [...out.slice(0, MAX_AT_ONCE - 1), { title: `${out.length - MAX_AT_ONCE + 1} more changes`, body: 'Open the dashboard to see them.', meetingId: null }];
}
