// The Zoom REST client: tokens, paging, timeouts, retries and rate limits in one place, so that
// everything above it sees either data or a ZoomError.
import { sleepMs } from '../../shared/clock.js';
import { keepAliveAgents, requestJson, type HttpJsonReply } from './http-json.js';
import type { TokenProvider } from './auth.js';
import { backoffDelay } from '../../shared/backoff.js';
import { isExpiredPageToken, ZoomError, zoomErrorBody, ZOOM_CODE_INVALID_TOKEN, ZOOM_CODE_MEETING_NOT_FOUND, ZOOM_CODES_NO_PERMISSION } from './errors.js';
import type { CallBudget, CallPriority } from './call-budget.js';
import { nextUtcMidnight, RateLimits, SHARED_DAILY, type RateCategory } from './rate-limits.js';
import { parseRetryAfter } from './retry-after.js';
import { ZOOM_CALLS } from '../../shared/zoom-calls.js';
import { transportError } from './transport-error.js';
import { bodyWords, readable, type ZoomAnswer } from './wire-checks.js';
import type {
  ZoomDashboardMeeting,
  ZoomDashboardParticipant,
  ZoomMeeting,
  ZoomMeetingSummary,
  ZoomPage,
  PastType,
  ZoomUser,
} from './wire-types.js';

export interface ZoomClientOptions {
  apiBaseUrl: string;
  auth: TokenProvider;
  timeoutMs?: number;
  /** Retries for 5xx, timeouts, resets and short 429s. */
  maxRetries?: number;
  /** A 429 asking for a longer wait than this is not waited for: the call fails and the category is
   * blocked until then, so a daily limit never holds a request open for hours. */
  maxRetryWaitMs?: number;
  backoff?: { baseMs: number; maxMs: number };
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
  /** The account's one gate for every call (each attempt and each page takes a slot); none in unit tests. */
  budget?: CallBudget | null;
}

interface RequestOptions {
  category: RateCategory;
  /** Who waits for the call (the budget's order); the background by default. */
  priority?: CallPriority;
  params?: Record<string, string | number>;
  data?: unknown;
  /** What the call is, for error messages ("List users"). */
  what: string;
  /** The answer it expects, checked before anything reads it ('nothing' for End: Zoom answers 204). */
  answer?: ZoomAnswer;
}

type Method = 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE';

export type MeetingListType = 'scheduled' | 'live' | 'upcoming';

const PAGE_SIZE = 300;
/** A list whose page token expired is read again from its first page, at most this often. */
const MAX_LIST_RESTARTS = 2;

export class ZoomClient {
  readonly rateLimits = new RateLimits();
  /** Calls sent to Zoom, by category (each retry counts: it spends budget too). */
  readonly calls = new Map<RateCategory, number>();
  private readonly agents = keepAliveAgents();
  private readonly baseUrl: string;
  private readonly opts: Required<Omit<ZoomClientOptions, 'auth' | 'apiBaseUrl' | 'budget'>>;

  constructor(private readonly config: ZoomClientOptions) {
    this.opts = {
      timeoutMs: config.timeoutMs ?? 10_000,
      maxRetries: config.maxRetries ?? 3,
      maxRetryWaitMs: config.maxRetryWaitMs ?? 10_000,
      backoff: config.backoff ?? { baseMs: 500, maxMs: 8_000 },
      sleep: config.sleep ?? sleepMs,
      random: config.random ?? Math.random,
      now: config.now ?? (() => Date.now()),
    };
    this.baseUrl = config.apiBaseUrl.replace(/\/+$/, '');
  }

  /** The account's access tokens, shared with the WebSocket event subscription. */
  get tokens(): TokenProvider {
    return this.config.auth;
  }

  listActiveUsers(): Promise<ZoomUser[]> {
    return this.listAll<ZoomUser>('/users', 'users', {
      category: ZOOM_CALLS.users.category,
      params: { status: 'active' },
      what: 'List users',
    });
  }

  /** The account's call budget, if it has one (who-is-in asks it how long a person would wait). */
  get budget(): CallBudget | null {
    return this.config.budget ?? null;
  }

  /** One call that proves the credentials and the user scope (a person asked): how many active users there are. */
  async countActiveUsers(): Promise<number | null> {
    const page = await this.request<ZoomPage>('GET', '/users', {
      category: ZOOM_CALLS.users.category,
      priority: 'person',
      params: { status: 'active', page_size: 1 },
      what: 'List users',
      answer: 'users',
    });
    return typeof page?.total_records === 'number' ? page.total_records : null;
  }

  listUserMeetings(userId: string, type: MeetingListType): Promise<ZoomMeetingSummary[]> {
    return this.listAll<ZoomMeetingSummary>(
      `/users/${encodeURIComponent(userId)}/meetings`,
      'meetings',
      { category: ZOOM_CALLS['user-meetings'].category, params: { type }, what: `List ${type} meetings` },
    );
  }

  /** Dashboard live meetings: one call (per 300) gives every live meeting with its count. */
  listDashboardLiveMeetings(from: string, to: string, priority: CallPriority = 'background'): Promise<ZoomDashboardMeeting[]> {
    return this.listAll<ZoomDashboardMeeting>('/metrics/meetings', 'meetings', {
      category: ZOOM_CALLS.dashboard.category,
      priority,
      params: { type: 'live', from, to },
      what: 'Dashboard live meetings',
    });
  }

  /** One page of the Dashboard's past meetings of one day (UTC), for the usage history (Resource-intensive).
   * It takes the slot the live poll leaves for people: the engine asks only when people left it idle. */
  async dashboardPastPage(day: string, type: PastType, pageToken: string | null): Promise<{ meetings: ZoomDashboardMeeting[]; next: string | null }> {
    const params: Record<string, string | number> = { type, from: day, to: day, page_size: PAGE_SIZE };
    if (pageToken) params.next_page_token = pageToken;
    const page = await this.request<ZoomPage & { meetings?: ZoomDashboardMeeting[] }>('GET', '/metrics/meetings', { category: ZOOM_CALLS.dashboard.category, priority: 'person', params, what: 'Dashboard past meetings', answer: 'meetings' });
    const next = typeof page?.next_page_token === 'string' && page.next_page_token ? page.next_page_token : null;
    return { meetings: Array.isArray(page?.meetings) ? page.meetings : [], next };
  }

  /** Who is in a live meeting (the Dashboard; Heavy, not Resource-intensive): every join of its latest instance. */
  listDashboardParticipants(meetingId: string): Promise<ZoomDashboardParticipant[]> {
    return this.listAll<ZoomDashboardParticipant>(`/metrics/meetings/${encodeURIComponent(meetingId)}/participants`, 'participants', {
      category: ZOOM_CALLS['dashboard-participants'].category,
      priority: 'person',
      params: { type: 'live' },
      what: 'Dashboard meeting participants',
    });
  }

  /** A meeting's details; `exempt` when a person is waiting to join (it never waits for the budget). */
  getMeeting(meetingId: string, priority: CallPriority = 'background'): Promise<ZoomMeeting> {
    return this.request<ZoomMeeting>('GET', `/meetings/${encodeURIComponent(meetingId)}`, {
      category: ZOOM_CALLS.meeting.category,
      priority,
      what: 'Get meeting',
      answer: 'meeting',
    });
  }

  /** End never waits for the budget (it counts, so the background waits instead). */
  async endMeeting(meetingId: string): Promise<void> {
    await this.request('PUT', `/meetings/${encodeURIComponent(meetingId)}/status`, {
      category: ZOOM_CALLS['end-meeting'].category,
      priority: 'exempt',
      data: { action: 'end' },
      what: 'End meeting',
      answer: 'nothing',
    });
  }

  private async listAll<T>(path: string, key: 'users' | 'meetings' | 'participants', req: RequestOptions): Promise<T[]> {
    const items: T[] = [];
    let token: string | undefined;
    const seenTokens = new Set<string>();
    let restarts = 0;
    for (;;) {
      const params: Record<string, string | number> = { ...req.params, page_size: PAGE_SIZE };
      if (token) params.next_page_token = token;
      let page: (ZoomPage & Record<string, unknown>) | undefined;
      try {
        page = await this.request<ZoomPage & Record<string, unknown>>('GET', path, { ...req, params, answer: key });
      } catch (e) {
        // A page token lives 15 minutes: one outlived (the budget made the pages wait) starts the list over.
        if (!token || !isExpiredPageToken(e) || restarts >= MAX_LIST_RESTARTS) throw e;
        restarts++;
        items.length = 0;
        token = undefined;
        seenTokens.clear();
        continue;
      }
      const list = page?.[key];
      if (Array.isArray(list)) items.push(...(list as T[]));
      token = typeof page?.next_page_token === 'string' && page.next_page_token ? page.next_page_token : undefined;
      // A server that repeats a token would loop forever; Zoom never does, but we don't trust it.
      if (!token || seenTokens.has(token)) return items;
      seenTokens.add(token);
    }
  }

  private async request<T>(method: Method, path: string, req: RequestOptions): Promise<T> {
    let retries = 0;
    let renewed = false;
    for (;;) {
      this.assertNotBlocked(req.category);
      const outcome = await this.attempt<T>(method, path, req);
      if (outcome.kind === 'ok') return outcome.data;
      if (outcome.kind === 'unauthorized') {
        // One fresh token after a 401 (expired or revoked); a second 401 is final.
        if (!renewed && this.config.auth.invalidate(outcome.token)) {
          renewed = true;
          continue;
        }
        if (renewed) {
          const e = outcome.error;
          throw new ZoomError('auth', `${e.message.replace(/\.$/, '')}, and refused a fresh one too: the app may be deactivated, or its credentials may be another account's. Check the app in the Zoom App Marketplace, then Test connection.`, { httpStatus: e.httpStatus, zoomCode: e.zoomCode, category: req.category });
        }
        throw outcome.error;
      }
      const { error, waitMs } = outcome;
      const tooLong = waitMs != null && waitMs > this.opts.maxRetryWaitMs;
      if (retries >= this.opts.maxRetries || tooLong) {
        if (error.retryAt != null) this.rateLimits.block(req.category, error.retryAt);
        throw error;
      }
      await this.opts.sleep(waitMs ?? backoffDelay(retries, this.opts.backoff, this.opts.random));
      retries++;
    }
  }

  private assertNotBlocked(category: RateCategory): void {
    const blocked = this.rateLimits.blockedUntil(category, this.opts.now());
    if (blocked == null) return;
    const daily = this.rateLimits.isDaily(category, this.opts.now());
    throw new ZoomError(
      'rate-limit',
      daily
        ? `Zoom's daily rate limit for ${category} calls is spent; calls resume at ${new Date(blocked).toISOString()}.`
        : `Zoom rate limit reached for ${category} calls; retrying at ${new Date(blocked).toISOString()}.`,
      { httpStatus: 429, retryAt: blocked, category, daily },
    );
  }

  /** One HTTP exchange, classified. Final errors are thrown; passing ones are returned for a retry. */
  private async attempt<T>(method: Method, path: string, req: RequestOptions): Promise<Outcome<T>> {
    const { category, what } = req;
    // Signed in before the wait for a slot (a sign-in that fails spends none), and again after it: a token
    // held through a minute's wait may have been revoked or renewed meanwhile (the second read is the cache's).
    let token = await this.token(category);
    if (typeof token !== 'string') return token;
    await this.config.budget?.take(category, req.priority ?? 'background');
    token = await this.token(category);
    if (typeof token !== 'string') return token;
    this.calls.set(category, (this.calls.get(category) ?? 0) + 1);
    let res: HttpJsonReply;
    try {
      res = await this.send(method, path, req, token);
    } catch (e) {
      return { kind: 'retry', error: transportError(e, what, category), waitMs: null };
    }
    this.rateLimits.observe(category, res.headers);
    if (res.status >= 200 && res.status < 300) {
      // End's answer is 204 itself: a 200, even an empty one, is a proxy's (it may have swallowed a 401).
      if (!req.answer || (readable(req.answer, res.data) && (req.answer !== 'nothing' || res.status === 204))) return { kind: 'ok', data: res.data as T };
      // Not Zoom's answer (a proxy's page, a cut-off body): nothing is read from it; it is retried like a 5xx.
      const error = new ZoomError('server', `Zoom sent an unreadable answer to ${what.toLowerCase()} (${bodyWords(res.data)}).`, { httpStatus: res.status, zoomCode: null, category });
      return { kind: 'retry', error, waitMs: null };
    }

    const { code, message } = zoomErrorBody(res.data);
    const facts = { httpStatus: res.status, zoomCode: code, category };
    const zoomSays = message ? `: ${message}` : '';
    // Zoom's "invalid access token" comes as a 401, and as code 124 with other statuses (400 is seen): either
    // way the token is renewed once, and a fresh one refused too is a setup fault.
    if (res.status === 401 || code === ZOOM_CODE_INVALID_TOKEN) {
      return { kind: 'unauthorized', token, error: new ZoomError('auth', `Zoom refused the access token${zoomSays}`, facts) };
    }
    if (res.status === 429) return this.rateLimited(res.headers, category, facts, zoomSays);
    if (res.status >= 500) {
      return { kind: 'retry', error: new ZoomError('server', `${what} failed: Zoom answered HTTP ${res.status}${zoomSays}`, facts), waitMs: null };
    }
    if (res.status === 404) {
      const text = code === ZOOM_CODE_MEETING_NOT_FOUND ? 'This meeting no longer exists in Zoom' : `${what}: not found in Zoom`;
      throw new ZoomError('not-found', message ? `${text} (${message}).` : `${text}.`, facts);
    }
    if (res.status === 403 || (res.status === 400 && code != null && ZOOM_CODES_NO_PERMISSION.has(code))) {
      throw new ZoomError('forbidden', `${what} is not permitted for this account or app${zoomSays}`, facts);
    }
    throw new ZoomError('bad-request', `${what} failed: HTTP ${res.status}${zoomSays}`, facts);
  }
  /** The access token, or a sign-in failure to retry (one that needs the person is thrown). */
  private async token(category: RateCategory): Promise<string | Outcome<never>> {
    try {
      return await this.config.auth.getToken();
    } catch (e) {
      const error = transportError(e, 'Zoom sign-in', category);
      if (error.kind === 'auth' || error.kind === 'bad-request') throw error;
      return { kind: 'retry', error, waitMs: null };
    }
  }

  private send(method: Method, path: string, req: RequestOptions, token: string): Promise<HttpJsonReply> {
    const url = new URL(this.baseUrl + path);
    for (const [k, v] of Object.entries(req.params ?? {})) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
    if (req.data !== undefined) headers['Content-Type'] = 'application/json';
    return requestJson({
      method,
      url: url.href,
      headers,
      body: req.data === undefined ? undefined : JSON.stringify(req.data),
      timeoutMs: this.opts.timeoutMs,
      agent: url.protocol === 'https:' ? this.agents.https : this.agents.http,
    });
  }

  /** A 429: a daily limit fails at once and blocks its category until then; a per-second one is retried. */
  private rateLimited(headers: unknown, category: RateCategory, facts: ErrorFacts, zoomSays: string): Outcome<never> {
    const now = this.opts.now();
    const after = parseRetryAfter(headerOf(headers, 'retry-after'), now);
    if (/daily/i.test(headerOf(headers, 'x-ratelimit-type') ?? '')) {
      // Retry-After is an ISO date, or absent (then the next 00:00 UTC). The category (and the one sharing
      // its daily budget) makes no call until then.
      const retryAt = after != null ? now + after : nextUtcMidnight(now);
      this.rateLimits.block(category, retryAt, true);
      const shared = SHARED_DAILY[category];
      if (shared) this.rateLimits.block(shared, retryAt, true);
      throw new ZoomError('rate-limit', `Zoom's daily rate limit for ${category} calls is spent${zoomSays}; calls resume at ${new Date(retryAt).toISOString()}.`, { ...facts, retryAt, daily: true });
    }
    if (after == null && category === 'resource-intensive') {
      // Counted per minute: a retry within it is refused again. The category waits out the minute; the others go on.
      const wait = this.minuteLeftMs(category, now);
      const error = new ZoomError('rate-limit', `Zoom's per-minute limit: waiting ${Math.ceil(wait / 1000)} s${zoomSays ? ` (${zoomSays.slice(2)})` : ''}.`, { ...facts, retryAt: now + wait });
      return { kind: 'retry', error, waitMs: wait };
    }
    const retryAt = now + (after ?? backoffDelay(0, this.opts.backoff, this.opts.random));
    const error = new ZoomError('rate-limit', `Zoom rate limit reached${zoomSays}; retrying at ${new Date(retryAt).toISOString()}.`, { ...facts, retryAt });
    return { kind: 'retry', error, waitMs: after };
  }

  /** Until Zoom's minute for a per-minute category is surely over: the oldest of our calls in the last minute
   * leaves it (what the budget knows of them), at least 30 s and at most 60 s from now. */
  private minuteLeftMs(category: RateCategory, now: number): number {
    const oldest = this.config.budget?.recent(category)[0];
    const left = oldest == null ? 60_000 : oldest + 60_000 - now;
    return Math.min(60_000, Math.max(30_000, left));
  }
}

type ErrorFacts = { httpStatus: number; zoomCode: number | null; category: RateCategory };

type Outcome<T> =
  | { kind: 'ok'; data: T }
  | { kind: 'unauthorized'; token: string; error: ZoomError }
  /** waitMs: what Zoom asked for (Retry-After), else null for our own backoff. */
  | { kind: 'retry'; error: ZoomError; waitMs: number | null };

function headerOf(headers: unknown, name: string): string | null {
  const v = (headers as Record<string, unknown>)[name];
  return typeof v === 'string' ? v : null;
}
