// Pure formatting for the dashboard: durations, relative times, clock times.
import { peopleCount } from '../../shared/people.js';

export { clock, elapsed } from '../../shared/room-words.js';

/** "just now", "5 s ago", "3 min ago", "2 h ago", "4 days ago". */
export function ago(iso: string, now: number): string {
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 2) return 'just now';
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86_400)} days ago`;
}

export function people(n: number | null): string {
  return peopleCount(n) ?? 'number of people not known';
}
