// First run, and "Zoom account…" later: connect a Server-to-Server OAuth app, test it, or try the demo.
// The secret goes to the service once and never comes back; the field stays empty when one is in use.
import { CHECK_MARK, CHECK_WORD, type Check } from '../../../shared/setup-checks.js';
import { useEffect, useState } from 'preact/hooks';
import type { SetupState } from '../../../shared/api-schema.js';
import { ZOOM_SCOPES } from '../../../shared/zoom-calls.js';
import { api, ApiError } from '../api.js';
import { clock } from '../format.js';

type Result = { kind: 'ok' | 'error'; text: string } | null;

function describe(e: unknown): string {
  if (e instanceof ApiError && e.code === 'zoom-rate-limited' && e.retryAt) {
    return `${e.message} Try again after ${clock(e.retryAt, Date.now())}.`;
  }
  return e instanceof Error ? e.message : String(e);
}

type Action = 'test' | 'check' | 'save' | 'demo';

interface Fields {
  accountId: string;
  clientId: string;
  secret: string;
  remember: boolean;
}

/** What the Server-to-Server OAuth app is and which scopes it needs. */
function ScopesIntro() {
  return (
    <>
      <p>
        zoom-sessions reads your account through a <strong>Server-to-Server OAuth</strong> app: an app only your account can use, made in
        the Zoom App Marketplace under <em>Develop → Build App → Server-to-Server OAuth</em>. Give it these scopes and activate it:
      </p>
      <ul class="scopes">
        {ZOOM_SCOPES.map((s) => (
          <li key={s.granular.join(' ')}>
            <code>{s.granular.join(', ')}</code> — {s.why}
            {s.optional ? ' (optional)' : ''}
          </li>
        ))}
      </ul>
    </>
  );
}

/** The answer of Test connection or Check setup. */
function Outcome({ result, checks }: { result: Result; checks: Check[] | null }) {
  return (
    <>
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
    </>
  );
}

/** The three fields and "Remember"; the secret field stays empty when one is in use. */
function CredentialFields({ f, set, keepsSecret, canRemember }: { f: Fields; set: (patch: Partial<Fields>) => void; keepsSecret: boolean; canRemember: boolean }) {
  return (
    <>
      <label for="account-id">Account ID</label>
      <input id="account-id" autoComplete="off" spellcheck={false} value={f.accountId} onInput={(e) => set({ accountId: e.currentTarget.value })} required />
      <label for="client-id">Client ID</label>
      <input id="client-id" autoComplete="off" spellcheck={false} value={f.clientId} onInput={(e) => set({ clientId: e.currentTarget.value })} required />
      <label for="client-secret">Client secret</label>
      <input
        id="client-secret"
        type="password"
        autoComplete="new-password"
        placeholder={keepsSecret ? 'Saved — leave empty to keep it' : ''}
        value={f.secret}
        onInput={(e) => set({ secret: e.currentTarget.value })}
        required={!keepsSecret}
      />
      <label class="check">
        <input type="checkbox" checked={f.remember && canRemember} disabled={!canRemember} onChange={(e) => set({ remember: e.currentTarget.checked })} />
        Remember on this computer (the secret is encrypted by the system keychain)
      </label>
      {!canRemember && (
        <p class="hint" id="no-remember">
          This service has no keychain to encrypt the secret, so it is used until the service stops. To keep it, start the service with
          ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET set.
        </p>
      )}
    </>
  );
}

/** Connect Zoom's form: check, test, save and connect, or try the demo. */
function ConnectForm({ state, onSaved }: { state: SetupState; onSaved: (s: SetupState) => void }) {
  const [f, setFields] = useState<Fields>({ accountId: state.accountId ?? '', clientId: state.clientId ?? '', secret: '', remember: state.canRemember });
  const set = (patch: Partial<Fields>) => setFields((old) => ({ ...old, ...patch }));
  const [busy, setBusy] = useState<Action | null>(null);
  const [checks, setChecks] = useState<Check[] | null>(null);
  const [result, setResult] = useState<Result>(null);
  const keepsSecret = state.hasSecret && state.accountId === f.accountId.trim() && state.clientId === f.clientId.trim();
  const creds = () => ({ accountId: f.accountId.trim(), clientId: f.clientId.trim(), ...(f.secret.trim() ? { clientSecret: f.secret.trim() } : {}) });
  const complete = f.accountId.trim() !== '' && f.clientId.trim() !== '' && (f.secret.trim() !== '' || keepsSecret);

  const run = async (what: Action) => {
    setBusy(what);
    setResult(null);
    setChecks(null);
    try {
      if (what === 'check') setChecks((await api.checkSetup(creds())).checks);
      else if (what === 'test') {
        const { activeUsers } = await api.testSetup(creds());
        setResult({ kind: 'ok', text: `Connected: Zoom accepted these credentials${activeUsers == null ? '' : ` and lists ${activeUsers} active user${activeUsers === 1 ? '' : 's'}`}.` });
      } else {
        const { setup } = what === 'save' ? await api.saveSetup({ ...creds(), remember: f.remember && state.canRemember }) : await api.useDemo();
        set({ secret: '' });
        onSaved(setup);
      }
    } catch (e) {
      setResult({ kind: 'error', text: describe(e) });
    } finally {
      setBusy(null);
    }
  };
  const button = (what: Action, idle: string, working: string, type: 'button' | 'submit' = 'button', cls = 'btn') => (
    <button type={type} class={cls} disabled={(what !== 'demo' && !complete) || busy != null} aria-busy={busy === what} onClick={type === 'button' ? () => void run(what) : undefined}>
      {busy === what ? working : idle}
    </button>
  );

  return (
    <>
      <ScopesIntro />
      <form onSubmit={(e) => { e.preventDefault(); void run('save'); }}>
        <CredentialFields f={f} set={set} keepsSecret={keepsSecret} canRemember={state.canRemember} />
        <Outcome result={result} checks={checks} />
        <div class="buttons">
          {button('check', 'Check setup', 'Checking…')}
          {button('test', 'Test connection', 'Testing…')}
          {button('save', 'Save and connect', 'Connecting…', 'submit', 'btn primary')}
        </div>
      </form>
      <p class="demo">
        No app yet? {button('demo', 'Try the demo account', 'Starting the demo…')}
      </p>
    </>
  );
}

export function Setup({ onClose }: { onClose?: () => void }) {
  const [state, setState] = useState<SetupState | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  useEffect(() => {
    api.setup().then(({ setup }) => setState(setup), (e) => setLoadError(describe(e)));
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
        <ConnectForm state={state} onSaved={(setup) => (setState(setup), onClose?.())} />
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
