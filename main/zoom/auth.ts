// Access tokens for the Zoom REST API: Server-to-Server OAuth (the supported way) or a static
// bearer token (the original exercise's ZOOM_API_TOKEN).
import { requestJson } from './http-json.js';
import { ZoomError, zoomErrorBody } from './errors.js';
import { transportError } from './transport-error.js';
import { bodyWords, readable } from './wire-checks.js';
import { backoffDelay } from '../../shared/backoff.js';

export interface TokenProvider {
  getToken(): Promise<string>;
  /** Called after a 401 with the token that was refused; true when a fresh token can be had. */
  invalidate(token: string): boolean;
}

export class StaticToken implements TokenProvider {
  constructor(private readonly token: string) {}
  async getToken(): Promise<string> {
    return this.token;
  }
  invalidate(): boolean {
    return false;
  }
}

export interface S2SOAuthOptions {
  oauthUrl: string;
  accountId: string;
  clientId: string;
  clientSecret: string;
  timeoutMs?: number;
  /** Renew this long before Zoom's expiry, so a token never dies mid-request. */
  renewBeforeMs?: number;
  now?: () => number;
  /** Where the person gave the credentials, for "Check …" when Zoom refuses them (default: the variables). */
  givenAs?: string;
  random?: () => number;
}

/** After a failed token request, every caller waits out one shared backoff (1 s doubling to 10 s, so a
 * recovered endpoint is asked again within a live round), instead of each asking on its own. */
export const TOKEN_BACKOFF = { baseMs: 1_000, maxMs: 10_000 };

interface CachedToken {
  token: string;
  expiresAt: number;
}

export class S2SOAuth implements TokenProvider {
  private cached: CachedToken | null = null;
  private inflight: Promise<string> | null = null;
  /** The last token request failed: callers get its error, without a request, until `until`. */
  private failed: { error: Error; until: number; count: number } | null = null;
  private readonly now: () => number;
  /** How many tokens were fetched; tests and the benchmark read it. */
  fetches = 0;
  /** The scopes Zoom granted with the last token (its answer lists them), or null before one. */
  grantedScopes: string[] | null = null;

  constructor(private readonly opts: S2SOAuthOptions) {
    this.now = opts.now ?? (() => Date.now());
  }

  getToken(): Promise<string> {
    const renewBefore = this.opts.renewBeforeMs ?? 5 * 60_000;
    if (this.cached && this.now() < this.cached.expiresAt - renewBefore) {
      return Promise.resolve(this.cached.token);
    }
    if (this.failed && this.now() < this.failed.until) return Promise.reject(this.failed.error);
    // Concurrent callers share one token request.
    this.inflight ??= this.fetchToken()
      .then(
        (token) => {
          this.failed = null;
          return token;
        },
        (e: unknown) => {
          const error = e instanceof Error ? e : new Error(String(e));
          const count = (this.failed?.count ?? 0) + 1;
          this.failed = { error, count, until: this.now() + backoffDelay(count - 1, TOKEN_BACKOFF, this.opts.random ?? Math.random) };
          throw error;
        },
      )
      .finally(() => {
        this.inflight = null;
      });
    return this.inflight;
  }

  invalidate(token: string): boolean {
    if (this.cached?.token === token) this.cached = null;
    return true;
  }

  private async fetchToken(): Promise<string> {
    this.fetches++;
    const { oauthUrl, accountId, clientId, clientSecret } = this.opts;
    const basic = Buffer.from(`${clientId}:${clientSecret}`).toString('base64');
    // Zoom documents the parameters in the query string; the same form body suits servers that read it there.
    const params = new URLSearchParams({ grant_type: 'account_credentials', account_id: accountId });
    let res;
    try {
      res = await requestJson({
        method: 'POST',
        url: `${oauthUrl}${oauthUrl.includes('?') ? '&' : '?'}${params.toString()}`,
        body: params.toString(),
        headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/x-www-form-urlencoded' },
        timeoutMs: this.opts.timeoutMs ?? 10_000,
      });
    } catch (e) {
      throw transportError(e, 'Zoom sign-in', null);
    }
    const data = res.data as Record<string, unknown> | undefined;
    if (res.status === 200 && !readable('token', data)) {
      // A proxy's page or a cut-off answer: not Zoom refusing the credentials.
      throw new ZoomError('server', `Zoom sign-in sent an unreadable answer (${bodyWords(data)}); will retry.`, { httpStatus: 200 });
    }
    if (res.status === 200 && data && typeof data.access_token === 'string') {
      const expiresIn = typeof data.expires_in === 'number' ? data.expires_in : 3600;
      this.cached = { token: data.access_token, expiresAt: this.now() + expiresIn * 1000 };
      if (typeof data.scope === 'string') this.grantedScopes = data.scope.split(/\s+/).filter(Boolean);
      return data.access_token;
    }
    const { message } = zoomErrorBody(data);
    const oauthError = data && typeof data.error === 'string' ? data.error : null;
    if (res.status >= 500) {
      throw new ZoomError('server', `Zoom sign-in failed (HTTP ${res.status}); will retry.`, {
        httpStatus: res.status,
      });
    }
    if (res.status === 429) {
      throw new ZoomError('rate-limit', 'Zoom sign-in is rate-limited; will retry.', { httpStatus: 429 });
    }
    throw new ZoomError(
      'auth',
      `Zoom refused the Server-to-Server OAuth credentials (${[oauthError, message]
        .filter(Boolean)
        .join(': ') || `HTTP ${res.status}`}). Check ${this.opts.givenAs ?? 'ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET'}.`,
      { httpStatus: res.status },
    );
  }
}
