// Browser mode: log in with the API token that `zoom-sessions serve` printed.
import { useState } from 'preact/hooks';
import { LOGIN_LINK_SPENT } from '../../../shared/login-link.js';
import { api, ApiError } from '../api.js';

const SPENT = 'This login link was already used or has expired. Log in with the API token, or restart the service for a new link.';

export function Login({ onDone }: { onDone: () => void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(() => (location.hash === LOGIN_LINK_SPENT ? SPENT : null));
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.login(token.trim());
      if (location.hash === LOGIN_LINK_SPENT) history.replaceState(null, '', location.pathname);
      onDone();
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? 'That token is not valid here. Use the one `zoom-sessions serve` printed, or issue a new one with `zoom-sessions token new`.' : err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  };
  return (
    <main class="login">
      <h1>Zoom sessions</h1>
      <form onSubmit={(e) => void submit(e)}>
        <label for="token">API token</label>
        <input id="token" type="password" autoComplete="current-password" value={token} onInput={(e) => setToken((e.currentTarget).value)} required />
        <p class="hint">The service printed it when it first started. The one-time link it prints logs you in without it.</p>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button class="btn primary" type="submit" disabled={busy || !token.trim()}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
      </form>
    </main>
  );
}
