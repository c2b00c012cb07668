// When the Dashboard's live list cannot be used and per-host lists must do. Pure.
import { isZoomError } from '../zoom/errors.js';

export interface DashboardFallback {
  /** In words, with Zoom's code: for the log and the status. */
  text: string;
  /** A daily limit: the Dashboard is tried again at this time (epoch ms), not before. */
  daily: number | null;
}

/** Zoom's code for a plan without the Dashboard is undocumented (4711 and 4700 are scopes; 104 and 124 are
 * seen in the wild): any 400 or 403 that is not a rate limit means "not available here". A daily limit
 * means "not until then". Anything else (5xx, a per-second 429, the network) is a passing fault: null. */
export function dashboardFallback(e: unknown): DashboardFallback | null {
  if (!isZoomError(e)) return null;
  if (e.kind === 'rate-limit') {
    if (!e.daily || e.retryAt == null) return null;
    return { text: `Zoom's daily limit for the Dashboard is spent until ${new Date(e.retryAt).toISOString().slice(11, 16)} UTC`, daily: e.retryAt };
  }
  // Code 124 with a 400, given to a fresh token too (the client renewed it once), is the Dashboard refusing.
  const refusedToken = e.kind === 'auth' && e.zoomCode === 124 && e.httpStatus !== 401;
  const refused = refusedToken || e.kind === 'forbidden' || (e.kind === 'bad-request' && (e.httpStatus === 400 || e.httpStatus === 403));
  if (!refused) return null;
  return { text: `Dashboard not available (${e.zoomCode != null ? `Zoom code ${e.zoomCode}` : `HTTP ${e.httpStatus}`})`, daily: null };
}
