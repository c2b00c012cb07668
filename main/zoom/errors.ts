// Every failure of a Zoom call becomes one ZoomError: a value with a message for a person,
// Zoom's own code kept, and enough facts (status, retry time) for callers to decide what to do.

import { isZoomError } from '../../shared/zoom-error.js';

export { ZoomError, isZoomError, type ZoomErrorFacts, type ZoomErrorKind } from '../../shared/zoom-error.js';

/** Zoom codes (with HTTP 400) that say "this account or app may not call this": a missing scope
 * (4700, 4711) or no permission (200), as opposed to a passing fault. */
export const ZOOM_CODES_NO_PERMISSION: ReadonlySet<number> = new Set([200, 4700, 4711]);
export const ZOOM_CODE_MEETING_NOT_FOUND = 3001;
/** "Invalid access token" (expired, revoked, or not this account's), whatever the HTTP status. */
export const ZOOM_CODE_INVALID_TOKEN = 124;

/** Reads Zoom's error body (`{code, message}`), or an OAuth error body (`{reason, error}`). */
export function zoomErrorBody(data: unknown): { code: number | null; message: string | null } {
  if (data && typeof data === 'object') {
    const o = data as Record<string, unknown>;
    const code = typeof o.code === 'number' ? o.code : null;
    const message =
      typeof o.message === 'string' ? o.message : typeof o.reason === 'string' ? o.reason : null;
    return { code, message };
  }
  return { code: null, message: null };
}

/** Zoom's answer to a next_page_token it no longer honours (they live 15 minutes): 400, code 300. */
export function isExpiredPageToken(e: unknown): boolean {
  return isZoomError(e) && e.httpStatus === 400 && e.zoomCode === 300;
}
