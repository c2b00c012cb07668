// First run and "Zoom account…": which credentials the service uses, testing new ones against
// Zoom before they replace the old, and keeping them (secret through the vault only).
import type { Check } from '../../shared/setup-checks.js';
import { zoomChecks } from './zoom-checks.js';
import type { SetupSave, SetupState, SetupCredentials, ZoomSource } from '../../shared/api-schema.js';
import type { ZoomAuthConfig } from '../config.js';
import { S2SOAuth } from '../zoom/auth.js';
import type { CallBudgets } from '../zoom/call-budget.js';
import { ZoomClient } from '../zoom/client.js';
import { forgetSavedAccount, readSavedAccount, writeSavedAccount, type SavedAccount } from './saved-account.js';
import type { SecretVault } from './secret-vault.js';
import { SetupError } from '../../shared/setup-error.js';

/** What the service switches to. */

/** Credentials typed on the Connect Zoom screen: a refusal names its fields, not environment variables. */
const FORM_FIELDS = 'the Account ID, Client ID and Client secret entered above';

export type AccountChoice =
  | { kind: 's2s'; accountId: string; clientId: string; clientSecret: string }
  | { kind: 'static'; token: string } // the original exercise's ZOOM_API_TOKEN, from the environment only
  | { kind: 'demo' };

export interface ZoomSetupOptions {
  dataDir: string;
  vault: SecretVault | null;
  /** Where Zoom is (the real one, or ZOOM_API_BASE_URL / ZOOM_OAUTH_URL). */
  endpoints: { apiBaseUrl: string; oauthUrl: string };
  /** Credentials from the environment win and cannot be changed from the screen. */
  fromEnv: ZoomAuthConfig | null;
  /** Started with --demo: the demo account, not changeable either. */
  demoFlag: boolean;
  /** The WebSocket subscription configured, for Check setup's handshake line. */
  websocket?: { url: string; subscriptionId: string } | null;
  /** The service switches its engine over; resolves once the new account is in use. */
  apply: (choice: AccountChoice) => Promise<void>;
  /** The accounts' call budgets: a check's calls count with the polling's. */
  budgets?: CallBudgets | null;
  log: (line: string) => void;
}


export class ZoomSetup {
  private source: ZoomSource = null;
  private current: AccountChoice | null = null;
  /** A saved account whose secret could not be read back: its ids prefill the screen. */
  private pending: { accountId: string; clientId: string } | null = null;

  constructor(private readonly opts: ZoomSetupOptions) {}

  /** The account to start with: --demo, the environment, the saved choice, else none (setup screen). */
  async initial(): Promise<AccountChoice | null> {
    if (this.opts.demoFlag) return this.set({ kind: 'demo' }, 'demo');
    const env = this.opts.fromEnv;
    if (env?.kind === 's2s') return this.set({ kind: 's2s', accountId: env.accountId, clientId: env.clientId, clientSecret: env.clientSecret }, 'env');
    if (env) return this.set(env, 'env');
    const saved: SavedAccount | null = await readSavedAccount(this.opts.dataDir, this.opts.vault, this.opts.log);
    if (saved?.kind === 'demo') return this.set({ kind: 'demo' }, 'demo');
    if (saved?.kind === 's2s' && saved.clientSecret) return this.set({ ...saved, clientSecret: saved.clientSecret }, 'saved');
    if (saved?.kind === 's2s') this.pending = { accountId: saved.accountId, clientId: saved.clientId };
    return null;
  }

  state(): SetupState {
    const c = this.current?.kind === 's2s' ? this.current : null;
    return {
      source: this.source,
      accountId: c?.accountId ?? this.pending?.accountId ?? null,
      clientId: c?.clientId ?? this.pending?.clientId ?? null,
      hasSecret: c != null,
      canRemember: this.opts.vault?.available === true,
      editable: this.source !== 'env' && !this.opts.demoFlag,
    };
  }

  /** The doctor's Zoom lines for these credentials: sign-in, scopes, account, Dashboard, WebSocket. */
  async check(creds: SetupCredentials): Promise<Check[]> {
    const full = this.complete(creds);
    return zoomChecks({ ...this.opts.endpoints, auth: { kind: 's2s', ...full }, websocket: this.opts.websocket ?? null, givenAs: FORM_FIELDS, budget: this.opts.budgets?.for(full.accountId) ?? null });
  }

  /** Asks Zoom for a token and one page of users: proves the ids, the secret and the user scope. */
  async test(creds: SetupCredentials): Promise<{ activeUsers: number | null }> {
    const full = this.complete(creds);
    const client = new ZoomClient({
      apiBaseUrl: this.opts.endpoints.apiBaseUrl,
      auth: new S2SOAuth({ oauthUrl: this.opts.endpoints.oauthUrl, ...full, givenAs: FORM_FIELDS }),
      maxRetries: 1,
      budget: this.opts.budgets?.for(full.accountId) ?? null,
    });
    return { activeUsers: await client.countActiveUsers() };
  }

  /** Tests, keeps (when asked and possible), then switches the service over. */
  async save(body: SetupSave): Promise<SetupState> {
    this.assertEditable();
    const full = this.complete(body);
    if (body.remember && !this.opts.vault?.available) {
      throw new SetupError('cannot-remember', 'This computer offers no safe place for the client secret, so it cannot be remembered; save it for this run, or set ZOOM_CLIENT_SECRET in the environment.');
    }
    await this.test(full);
    const choice: AccountChoice = { kind: 's2s', ...full };
    await this.keep(body.remember ? choice : null);
    await this.opts.apply(choice);
    this.set(choice, body.remember ? 'saved' : 'this-run');
    this.opts.log(`setup: using Zoom account ${full.accountId}${body.remember ? ' (saved, secret encrypted)' : ' (for this run)'}.`);
    return this.state();
  }

  async useDemo(): Promise<SetupState> {
    this.assertEditable();
    await this.keep({ kind: 'demo' });
    await this.opts.apply({ kind: 'demo' });
    this.set({ kind: 'demo' }, 'demo');
    this.opts.log('setup: using the demo account.');
    return this.state();
  }

  private set(choice: AccountChoice, source: ZoomSource): AccountChoice {
    this.current = choice;
    this.source = source;
    this.pending = null;
    return choice;
  }

  /** A left-out secret means "the one in use", for the same account and app only. */
  private complete(creds: SetupCredentials): { accountId: string; clientId: string; clientSecret: string } {
    const c = this.current?.kind === 's2s' ? this.current : null;
    const same = c && c.accountId === creds.accountId && c.clientId === creds.clientId;
    const clientSecret = creds.clientSecret ?? (same ? c.clientSecret : null);
    if (!clientSecret) throw new SetupError('secret-required', 'Enter the client secret of this Server-to-Server OAuth app.');
    return { accountId: creds.accountId, clientId: creds.clientId, clientSecret };
  }

  private assertEditable(): void {
    if (this.source === 'env') throw new SetupError('locked', 'The Zoom account is set by environment variables (ZOOM_ACCOUNT_ID …); change them and restart.');
    if (this.opts.demoFlag) throw new SetupError('locked', 'Started with --demo: restart without it to use a Zoom account.');
  }

  /** What cannot be remembered is forgotten: the next start must not fall back to an older choice. */
  private async keep(account: SavedAccount | null): Promise<void> {
    try {
      if (account) await writeSavedAccount(this.opts.dataDir, account, this.opts.vault);
      else await forgetSavedAccount(this.opts.dataDir);
    } catch (e) {
      throw new SetupError('not-saved', (e as Error).message);
    }
  }
}
