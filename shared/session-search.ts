// Search, one way for the API's `q` and the dashboard's box: topic, host name or email (any case), or
// the meeting ID typed with or without spaces and dashes.
import type { Session } from './session.js';

/** A predicate for `q`, with the query prepared once for a pass over many sessions; null: no query. */
export function sessionMatcher(q: string): ((s: Session) => boolean) | null {
  const needle = q.trim().toLowerCase();
  if (!needle) return null;
  const digits = needle.replace(/[\s-]/g, '');
  const byId = /^\d+$/.test(digits);
  return (s) =>
    (byId && s.meetingId.includes(digits)) ||
    s.topic.toLowerCase().includes(needle) ||
    (s.hostName?.toLowerCase().includes(needle) ?? false) ||
    (s.hostEmail?.toLowerCase().includes(needle) ?? false);
}
