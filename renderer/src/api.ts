// The dashboard's one way to the service: the local HTTP API, with the login cookie.
import type { Check } from '../../shared/setup-checks.js';
import type { AuditPage, ErrorBody, Participants, SetupCredentials, SetupSave, SetupState, UsageReport } from '../../shared/api-schema.js';
import type { Session } from '../../shared/session.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly zoomCode: number | null = null,
    readonly retryAt: string | null = null,
  ) {
    super(message);
  }
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'unreachable', 'The zoom-sessions service is not answering. Is it running?');
  }
  if (res.status === 204) return undefined as T;
  const data = (await res.json().catch(() => null)) as (T & Partial<ErrorBody>) | null;
  if (!res.ok) {
    const e = data?.error;
    throw new ApiError(res.status, e?.code ?? 'error', e?.message ?? `The service answered ${res.status}.`, e?.zoomCode ?? null, e?.retryAt ?? null);
  }
  return data as T;
}

export const api = {
  /** True when the login cookie is good. */
  async loggedIn(): Promise<boolean> {
    try {
      await request('GET', '/isalive');
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return false;
      throw e;
    }
  },
  login: (token: string) => request<void>('POST', '/login', { token }),
  logout: () => request<void>('POST', '/logout'),
  details: (meetingId: string) => request<{ session: Session }>('POST', `/sessions/${encodeURIComponent(meetingId)}/details`),
  participants: (meetingId: string) => request<Participants>('GET', `/sessions/${encodeURIComponent(meetingId)}/participants`),
  keep: (meetingId: string) => request<{ session: Session }>('POST', `/sessions/${encodeURIComponent(meetingId)}/keep`),
  end: (meetingId: string) => request<{ session: Session }>('POST', `/sessions/${encodeURIComponent(meetingId)}/end`),
  sync: () => request<unknown>('POST', '/sync'),
  usage: (from: string, to: string, tz: string) =>
    request<UsageReport>('GET', `/usage?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&tz=${encodeURIComponent(tz)}&groupBy=room`),
  audit: (before: string | null, limit = 50) =>
    request<AuditPage>('GET', `/audit?limit=${limit}${before ? `&before=${encodeURIComponent(before)}` : ''}`),
  setup: () => request<{ setup: SetupState }>('GET', '/setup'),
  checkSetup: (creds: SetupCredentials) => request<{ checks: Check[] }>('POST', '/setup/check', creds),
  testSetup: (creds: SetupCredentials) => request<{ ok: true; activeUsers: number | null }>('POST', '/setup/test', creds),
  saveSetup: (body: SetupSave) => request<{ setup: SetupState }>('PUT', '/setup', body),
  useDemo: () => request<{ setup: SetupState }>('POST', '/setup/demo'),
};
