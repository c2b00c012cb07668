// An End audit entry in words, for the dashboard's Activity panel: who asked, and what came of it. Pure.
import type { AuditEntry } from './api-schema.js';

const POLICY: Record<string, string> = {
  empty: 'auto-end: nobody in it',
  alone: 'auto-end: one person alone',
  overrun: 'auto-end: past its booked end',
};

/** "the dashboard", "the tray", "API token “wall display”", "an API token", "auto-end: nobody in it". */
export function actorWords(by: string): string {
  if (by === 'dashboard') return 'the dashboard';
  if (by === 'tray') return 'the tray';
  if (by === 'token') return 'an API token';
  if (by.startsWith('token:')) return `API token “${by.slice(6)}”`;
  if (by.startsWith('policy:')) return POLICY[by.slice(7)] ?? `auto-end (${by.slice(7)})`;
  return by;
}

/** "Ended", "Already gone from Zoom", "Zoom refused: <its words> (429)". */
export function outcomeWords(e: AuditEntry): string {
  if (e.outcome === 'ended') return 'Ended';
  if (e.outcome === 'gone') return 'Already gone from Zoom';
  const code = e.zoomCode != null ? ` (${e.zoomCode})` : '';
  return `Not ended: ${e.message ?? 'Zoom did not answer'}${code}`;
}
