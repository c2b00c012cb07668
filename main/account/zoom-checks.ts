// The Zoom half of the doctor, also behind the Connect Zoom screen's "Check setup": a token, the granted
// scopes, one page of users, the Dashboard, and the WebSocket subscription's handshake. A few calls, each
// through the same client (and so the same rate limits) as everything else.
import { S2SOAuth, StaticToken } from '../zoom/auth.js';
import type { CallBudget } from '../zoom/call-budget.js';
import { ZoomClient } from '../zoom/client.js';
import { isZoomError } from '../zoom/errors.js';
import { probeWebSocket } from '../zoom/events/websocket-probe.js';
import { type Check, scopeChecks } from '../../shared/setup-checks.js';

export interface ZoomCheckInput {
  apiBaseUrl: string;
  oauthUrl: string;
  auth: { kind: 's2s'; accountId: string; clientId: string; clientSecret: string } | { kind: 'static'; token: string };
  websocket: { url: string; subscriptionId: string } | null;
  /** Where the credentials were given, for the fix line. */
  givenAs?: string;
  /** The account's call budget: a check is a person's request, and waits for a slot like one. */
  budget?: CallBudget | null;
}

const words = (e: unknown) => (e instanceof Error ? e.message : String(e));

export async function zoomChecks(input: ZoomCheckInput): Promise<Check[]> {
  const checks: Check[] = [];
  const oauth = input.auth.kind === 's2s' ? new S2SOAuth({ oauthUrl: input.oauthUrl, ...input.auth, givenAs: input.givenAs }) : null;
  const tokens = oauth ?? new StaticToken(input.auth.kind === 'static' ? input.auth.token : '');
  let token: string;
  try {
    token = await tokens.getToken();
    checks.push({ name: 'Zoom sign-in', state: 'ok', detail: oauth ? 'Server-to-Server OAuth token obtained' : 'static token (ZOOM_API_TOKEN) in use' });
  } catch (e) {
    const refused = isZoomError(e) && (e.kind === 'auth' || e.kind === 'bad-request');
    checks.push({
      name: 'Zoom sign-in',
      state: 'fail',
      detail: words(e),
      fix: refused
        ? 'Copy the Account ID, Client ID and Client secret again from the app\'s App Credentials page, and make sure the app is activated.'
        : 'Zoom could not be reached: check the network (a proxy?) and ZOOM_OAUTH_URL if it is set.',
    });
    return checks;
  }
  if (oauth?.grantedScopes) checks.push(...scopeChecks(oauth.grantedScopes));
  const client = new ZoomClient({ apiBaseUrl: input.apiBaseUrl, auth: tokens, maxRetries: 1, budget: input.budget ?? null });
  try {
    const users = await client.countActiveUsers();
    checks.push({ name: 'account', state: 'ok', detail: users == null ? 'users can be listed' : `${users} active user${users === 1 ? '' : 's'}` });
  } catch (e) {
    checks.push({ name: 'account', state: 'fail', detail: words(e), fix: isZoomError(e) && e.kind === 'forbidden' ? 'Grant the app user:read:list_users:admin, then activate it again.' : undefined });
  }
  const today = new Date().toISOString().slice(0, 10);
  try {
    await client.listDashboardLiveMeetings(today, today, 'person');
    checks.push({ name: 'Dashboard', state: 'ok', detail: 'available: live meetings come with their participant counts' });
  } catch (e) {
    const code = isZoomError(e) ? (e.zoomCode ?? e.httpStatus) : null;
    checks.push({
      name: 'Dashboard',
      state: 'warn',
      detail: `not available${code != null ? ` (Zoom code ${code})` : ''}: live meetings are read per host, without participant counts or instant meetings`,
      fix: 'The Dashboard needs a Business plan or above and the dashboard:read:list_meetings:admin scope; Zoom events (WebSocket) give counts and instant meetings without it.',
    });
  }
  if (input.websocket) {
    const answer = await probeWebSocket({ ...input.websocket, token });
    checks.push(
      answer.ok
        ? { name: 'WebSocket subscription', state: 'ok', detail: 'Zoom accepted the subscription (build_connection)' }
        : { name: 'WebSocket subscription', state: 'fail', detail: `Zoom refused the subscription: ${answer.why}`, fix: 'Check ZOOM_WS_SUBSCRIPTION_ID against the app\'s Event Subscriptions (method WebSocket), and that no other app uses the same subscription.' },
    );
  } else {
    checks.push({ name: 'WebSocket subscription', state: 'skip', detail: 'not configured (ZOOM_WS_SUBSCRIPTION_ID): live changes are polled' });
  }
  return checks;
}
