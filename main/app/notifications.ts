// Which changes deserve a notification: a session that went live, or ended, or began to need attention
// (once per episode; each kind can be turned off), or is about to be ended by the auto-end policy (always:
// the warning is the one chance to keep it), never a flood — at most a few at once, the rest summed up. Pure.
import type { Session, SessionChange } from '../../shared/session.js';
import { attentionWords, spanWords } from '../../shared/room-words.js';

export interface Notice {
  title: string;
  body: string;
  /** Clicking joins this meeting; null opens the dashboard. */
  meetingId: string | null;
}

export interface NoticePrefs {
  started: boolean;
  ended: boolean;
  attention: boolean;
  paused: boolean;
}

const MAX_AT_ONCE = 3;

/** A new episode: it needs attention now, and did not before (or for another reason, or since another time). */
function newAttention(s: Session, before: Session | undefined): boolean {
  const a = s.attention;
  const b = before?.attention;
  return a != null && !(b && b.kind === a.kind && b.since === a.since);
}

/** `wasLive`: the meetings that were live before these changes, as they were. */
export function noticesFor(changes: readonly SessionChange[], wasLive: ReadonlyMap<string, Session>, prefs: NoticePrefs): Notice[] {
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
    } else if (s.autoEndAt && s.autoEndAt !== wasLive.get(s.meetingId)?.autoEndAt) {
      const why = attentionWords(s, Date.parse(s.updatedAt)) ?? 'it looks forgotten';
      const left = spanWords(Date.parse(s.autoEndAt) - Date.parse(s.updatedAt));
      out.push({ title: `Ending “${topic}” in ${left}`, body: `${why.charAt(0).toUpperCase()}${why.slice(1)}. Open the dashboard to keep it running.`, meetingId: null });
    } else if (prefs.attention && newAttention(s, wasLive.get(s.meetingId))) {
      const why = attentionWords(s, Date.parse(s.updatedAt))!;
      out.push({ title: `${topic} needs attention`, body: `${why.charAt(0).toUpperCase()}${why.slice(1)}. Open the dashboard to end it or keep it running.`, meetingId: null });
    }
  }
  if (out.length <= MAX_AT_ONCE) return out;
  return [...out.slice(0, MAX_AT_ONCE - 1), { title: `${out.length - MAX_AT_ONCE + 1} more changes`, body: 'Open the dashboard to see them.', meetingId: null }];
}
