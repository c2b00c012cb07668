// Pure formatting for the dashboard: durations, relative times, clock times.
import { peopleCount } from '../../shared/people.js';

/** "12:34" or "1:02:03" since `since`. */
/** How long something has run, as people say it: "under 1 min", "12 min", "1 h 05 min". */
export function elapsed(sinceIso: string, now: number): string {
  const min = Math.max(0, Math.floor((now - Date.parse(sinceIso)) / 60_000));
  if (min < 1) return 'under 1 min';
  const h = Math.floor(min / 60);
  return h > 0 ? `${h} h ${String(min % 60).padStart(2, '0')} min` : `${min} min`;
}

/** "just now", "5 s ago", "3 min ago", "2 h ago", "4 days ago". */
export function ago(iso: string, now: number): string {
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 2) return 'just now';
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86_400)} days ago`;
}

/** "14:02" (today) or "Nov 28, 14:02". */
export function clock(iso: string, now: number): string {
  const d = new Date(iso);
  const sameDay = new Date(now).toDateString() === d.toDateString();
  const time = d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return sameDay ? time : `${d.toLocaleDateString([], { month: 'short', day: 'numeric' })}, ${time}`;
}

export function people(n: number | null): string {
  return peopleCount(n) ?? 'number of people not known';
}
