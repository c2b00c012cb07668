// Every failure of a Zoom call becomes one ZoomError: a value with a message for a person,
// Zoom's own code kept, and enough facts (status, retry time) for callers to decide what to do.

export type ZoomErrorKind =
  | 'auth' // credentials refused or token revoked
  | 'rate-limit' // 429
  | 'not-found' // 404 (3001: meeting does not exist)
  | 'forbidden' // missing scope or plan (4711, 200, 124 ...)
  | 'bad-request' // any other 4xx
  | 'server' // 5xx after retries
  | 'timeout' // no answer within the request timeout, after retries
  | 'network'; // refused, reset, DNS

export interface ZoomErrorFacts {
  httpStatus?: number | null;
  zoomCode?: number | null;
  /** Epoch ms before which the same call should not be made again (429). */
  retryAt?: number | null;
  /** The rate-limit category of the call that failed. */
  category?: string | null;
  /** A daily limit (X-RateLimit-Type: Daily-limit): no more calls of this category until retryAt. */
  daily?: boolean;
}

export class ZoomError extends Error {
  readonly kind: ZoomErrorKind;
  readonly httpStatus: number | null;
  readonly zoomCode: number | null;
  readonly retryAt: number | null;
  readonly category: string | null;
  readonly daily: boolean;

  constructor(kind: ZoomErrorKind, message: string, facts: ZoomErrorFacts = {}) {
    super(message);
    this.name = 'ZoomError';
    this.kind = kind;
    this.httpStatus = facts.httpStatus ?? null;
    this.zoomCode = facts.zoomCode ?? null;
    this.retryAt = facts.retryAt ?? null;
    this.category = facts.category ?? null;
    this.daily = facts.daily ?? false;
  }
}

/** Zoom codes (with HTTP 400) that say "this account or app may not call this": a missing scope
 * (4700, 4711) or no permission (200), as opposed to a passing fault. */
export const ZOOM_CODES_NO_PERMISSION: ReadonlySet<number> = new Set([200, 4700, 4711]);
export const ZOOM_CODE_MEETING_NOT_FOUND = 3001;

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

export function isZoomError(e: unknown): e is ZoomError {
  return e instanceof ZoomError;
}
