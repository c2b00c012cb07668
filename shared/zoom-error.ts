// A failed Zoom call, as every layer sees it: main/zoom makes them, sync decides on them, the API answers
// them. A value with a message for a person, Zoom's own code kept, and the facts to decide what to do.

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

export function isZoomError(e: unknown): e is ZoomError {
  return e instanceof ZoomError;
}
