import type { Session, SessionChange } from './session.js';

/** Applies changes to a map keyed by meeting id (the engine's, the stores' and the UI's view). */
export function applyChanges(map: Map<string, Session>, changes: readonly SessionChange[]): void {
  for (const c of changes) {
    if (c.type === 'upsert') map.set(c.session.meetingId, c.session);
    else map.delete(c.meetingId);
  }
}
