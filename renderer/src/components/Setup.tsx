// First run, and "Zoom account…" later: connect a Server-to-Server OAuth app, test it, or try the demo.
// The secret goes to the service once and never comes back; the field stays empty when one is in use.
import { CHECK_MARK, CHECK_WORD, type Check } from '../../../shared/setup-checks.js';
import { useEffect, useState } from 'preact/hooks';
import type { SetupState } from '../../../shared/api-schema.js';
import { ZOOM_SCOPES } from '../../../shared/zoom-scopes.js';
import { api, ApiError } from '../api.js';
import { clock } from '../format.js';

type Result = { kind: 'ok' | 'error'; text: string } | null;

function describe(e: unknown): string {
  if (e instanceof ApiError && e.code === 'zoom-rate-limited' && e.retryAt) {
    return `${e.message} Try again after ${clock(e.retryAt, Date.now())}.`;
  }
  return e instanceof Error ? e.message : String(e);
}

export function Setup({ onClose }: { onClose?: () => void }) {
  const [state, setState] = useState<SetupState | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [accountId, setAccountId] = useState('');
  const [clientId, setClientId] = useState('');
  const [secret, setSecret] = useState('');
  const [remember, setRemember] = useState(true);
  const [busy, setBusy] = useState<'test' | 'check' | 'save' | 'demo' | null>(null);
  const [checks, setChecks] = useState<Check[] | null>(null);
  const [result, setResult] = useState<Result>(null);

  useEffect(() => {
    api.setup().then(
      ({ setup }) => {
        setState(setup);
        setAccountId(setup.accountId ?? '');
        setClientId(setup.clientId ?? '');
        setRemember(setup.canRemember);
      },
      (e) => setLoadError(describe(e)),
    );
  }, []);

  if (loadError) {
    return (
      <main class="setup">
        <h1>Connect Zoom</h1>
        <p class="error" role="alert">{loadError}</p>
      </main>
    );
  }
  if (!state) return <main class="setup" aria-busy="true"><p class="hint">Loading…</p></main>;

  const keepsSecret = state.hasSecret && state.accountId === accountId.trim() && state.clientId === clientId.trim();
  const creds = () => ({ accountId: accountId.trim(), clientId: clientId.trim(), ...(secret.trim() ? { clientSecret: secret.trim() } : {}) });
  const complete = accountId.trim() !== '' && clientId.trim() !== '' && (secret.trim() !== '' || keepsSecret);

  const run = async (what: 'test' | 'check' | 'save' | 'demo') => {
    setBusy(what);
    setResult(null);
    setChecks(null);
    try {
      if (what === 'check') {
        setChecks((await api.checkSetup(creds())).checks);
      } else if (what === 'test') {
        const { activeUsers } = await api.testSetup(creds());
        setResult({ kind: 'ok', text: `Connected: Zoom accepted these credentials${activeUsers == null ? '' : ` and lists ${activeUsers} active user${activeUsers === 1 ? '' : 's'}`}.` });
      } else {
        const { setup } = what === 'save' ? await api.saveSetup({ ...creds(), remember: remember && state.canRemember }) : await api.useDemo();
        setState(setup);
        setSecret('');
        onClose?.();
      }
    } catch (e) {
      setResult({ kind: 'error', text: describe(e) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <main class="setup">
      <h1>Connect Zoom</h1>
      {state.editable && state.source === 'demo' && (
        <p class="ok" role="status">
          Demo account in use: the meetings shown are simulated. Enter your own app's credentials below to connect your account.
        </p>
      )}
      {!state.editable ? (
        <p class="hint">
          {state.source === 'demo'
            ? 'This service was started with --demo: it shows the demo account. Restart it without --demo to connect your own.'
            : 'The Zoom account is set by environment variables (ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID, ZOOM_CLIENT_SECRET). Change them and restart the service to use another.'}
        </p>
      ) : (
        <>
          <p>
            zoom-sessions reads your account through a <strong>Server-to-Server OAuth</strong> app: an app only your account can use, made in
            the Zoom App Marketplace under <em>Develop → Build App → Server-to-Server OAuth</em>. Give it these scopes and activate it:
          </p>
          <ul class="scopes">
            {ZOOM_SCOPES.map((s) => (
              <li key={s.classic}>
                <code>{s.granular.join(', ')}</code> — {s.why}
                {s.optional ? ' (optional)' : ''}
              </li>
            ))}
          </ul>
          <form onSubmit={(e) => { e.preventDefault(); void run('save'); }}>
            <label for="account-id">Account ID</label>
            <input id="account-id" autoComplete="off" spellcheck={false} value={accountId} onInput={(e) => setAccountId(e.currentTarget.value)} required />
            <label for="client-id">Client ID</label>
            <input id="client-id" autoComplete="off" spellcheck={false} value={clientId} onInput={(e) => setClientId(e.currentTarget.value)} required />
            <label for="client-secret">Client secret</label>
            <input
              id="client-secret"
              type="password"
              autoComplete="new-password"
              placeholder={keepsSecret ? 'Saved — leave empty to keep it' : ''}
              value={secret}
              onInput={(e) => setSecret(e.currentTarget.value)}
              required={!keepsSecret}
            />
            <label class="check">
              <input type="checkbox" checked={remember && state.canRemember} disabled={!state.canRemember} onChange={(e) => setRemember(e.currentTarget.checked)} />
              Remember on this computer (the secret is encrypted by the system keychain)
            </label>
            {!state.canRemember && (
              <p class="hint" id="no-remember">
                This service has no keychain to encrypt the secret, so it is used until the service stops. To keep it, start the service with
                ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET set.
              </p>
            )}
            {result && (
              <p class={result.kind === 'ok' ? 'ok' : 'error'} role={result.kind === 'ok' ? 'status' : 'alert'}>
                {result.text}
              </p>
            )}
            {checks && (
              <ul class="checks" aria-label="Set-up checks">
                {checks.map((c) => (
                  <li key={c.name} class={`check-${c.state}`}>
                    <span aria-hidden="true">{CHECK_MARK[c.state]}</span> <strong>{c.name}</strong>
                    <span class="sr-only"> ({CHECK_WORD[c.state]})</span>: {c.detail}
                    {c.fix && <div class="hint">{c.fix}</div>}
                  </li>
                ))}
              </ul>
            )}
            <div class="buttons">
              <button type="button" class="btn" disabled={!complete || busy != null} aria-busy={busy === 'check'} onClick={() => void run('check')}>
                {busy === 'check' ? 'Checking…' : 'Check setup'}
              </button>
              <button type="button" class="btn" disabled={!complete || busy != null} aria-busy={busy === 'test'} onClick={() => void run('test')}>
                {busy === 'test' ? 'Testing…' : 'Test connection'}
              </button>
              <button type="submit" class="btn primary" disabled={!complete || busy != null} aria-busy={busy === 'save'}>
                {busy === 'save' ? 'Connecting…' : 'Save and connect'}
              </button>
            </div>
          </form>
          <p class="demo">
            No app yet?{' '}
            <button type="button" class="btn" disabled={busy != null} aria-busy={busy === 'demo'} onClick={() => void run('demo')}>
              {busy === 'demo' ? 'Starting the demo…' : 'Try the demo account'}
            </button>
          </p>
        </>
      )}
      {onClose && (
        <p>
          <button type="button" class="btn link" onClick={onClose}>
            Back to the sessions
          </button>
        </p>
      )}
    </main>
  );
}
