// Coming from the original exercise: its `meetings_resource` documents ({entity_id, url}) become
// available sessions, its `users` documents' `api_token` values become API tokens (kept hashed). Pure.
import { blankSession, type Session } from '../../shared/session.js';
import { checkedJoinUrl } from '../../shared/zoom-links.js';
import { hashToken } from './tokens.js';

export interface OriginalMeetingDoc {
  entity_id?: unknown;
  url?: unknown;
}

export interface OriginalUserDoc {
  api_token?: unknown;
}

export interface OriginalImport {
  sessions: Session[];
  tokenHashes: string[];
  /** Entries without a usable meeting id. */
  skipped: number;
  /** Entries whose url was not an https Zoom link: imported without a link. */
  refusedLinks: number;
}

export function importFromOriginal(meetings: readonly OriginalMeetingDoc[], users: readonly OriginalUserDoc[], now: Date): OriginalImport {
  const at = now.toISOString();
  const byId = new Map<string, Session>();
  let skipped = 0;
  let refusedLinks = 0;
  for (const m of meetings) {
    const id = typeof m.entity_id === 'number' || typeof m.entity_id === 'string' ? String(m.entity_id).replace(/\s+/g, '') : '';
    if (!/^\d{9,20}$/.test(id)) {
      skipped++;
      continue;
    }
    const url = checkedJoinUrl(m.url);
    if (url == null && m.url != null && m.url !== '') refusedLinks++;
    // The original saw each one live; the catalog refresh names and classifies those still scheduled.
    byId.set(id, { ...blankSession(id, 'live-seen', at), joinUrl: url });
  }
  const tokens = new Set<string>();
  for (const u of users) {
    if (typeof u.api_token === 'string' && u.api_token.trim()) tokens.add(hashToken(u.api_token.trim()));
  }
  return { sessions: [...byId.values()], tokenHashes: [...tokens], skipped, refusedLinks };
}
