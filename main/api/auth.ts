// Who may come in: API tokens (header), dashboard logins (cookie) and one-time login links.
// Only hashes are stored; every check compares against all of a kind in constant time.
import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyReply } from 'fastify';
import { readCookie, setCookieHeader } from './cookie-header.js';
import type { SessionStore, TokenRecord } from '../store/session-store.js';
import { hashToken, newApiToken, tokenMatches } from '../store/tokens.js';

export const COOKIE_NAME = 'zs_session';
export const COOKIE_TTL_MS = 30 * 24 * 3_600_000;
/** A one-time login link is good for this long (it is printed, and may sit in a terminal's scrollback). */
export const LOGIN_CODE_TTL_MS = 10 * 60_000;
/** Dashboard logins kept at most; the oldest go first. */
export const MAX_COOKIES = 50;

export interface ApiAuthOptions {
  now?: () => number;
  /** Tokens accepted in addition to the stored ones, never stored (the demo's ExampleAccess). */
  extraApiTokens?: string[];
}

export class ApiAuth {
  private records: TokenRecord[] = [];
  private readonly loginCodes = new Map<string, number>(); // hash of a one-time login code -> expires at
  private readonly now: () => number;
  private readonly extra: string[];
  private readonly healthListeners = new Set<(ok: boolean) => void>();

  constructor(
    private readonly store: SessionStore,
    opts: ApiAuthOptions = {},
  ) {
    this.now = opts.now ?? (() => Date.now());
    this.extra = (opts.extraApiTokens ?? []).map(hashToken);
  }

  /** Reads the stored tokens and forgets expired logins. */
  async load(): Promise<void> {
    const all = await this.store.tokens();
    for (const t of all) if (this.expired(t)) await this.store.removeToken(t.hash);
    this.records = all.filter((t) => !this.expired(t));
  }

  /** Makes sure an API token exists; returns a new one (to print once) or null. */
  async ensureApiToken(explicit: string | null): Promise<string | null> {
    if (explicit) {
      if (!this.checkApiToken(explicit)) await this.add({ hash: hashToken(explicit), kind: 'api', expiresAt: null });
      return null;
    }
    if (this.records.some((t) => t.kind === 'api')) return null;
    return this.issueApiToken();
  }

  /** A new API token; `label` (what it is for: "wall display") names it in the End audit. */
  async issueApiToken(label?: string): Promise<string> {
    const token = newApiToken();
    await this.add({ hash: hashToken(token), kind: 'api', expiresAt: null, ...(label ? { label } : {}) });
    return token;
  }

  /** Who an API token is, for the End audit: 'token:<label>', or 'token' for one without a label. */
  tokenActor(token: string): string {
    const label = this.records.find((t) => t.kind === 'api' && tokenMatches(token, [t.hash]))?.label;
    return label ? `token:${label}` : 'token';
  }

  checkApiToken(token: string): boolean {
    const hashes = this.records.filter((t) => t.kind === 'api').map((t) => t.hash);
    return tokenMatches(token, [...hashes, ...this.extra]);
  }

  checkCookie(value: string): boolean {
    const live = this.records.filter((t) => t.kind === 'cookie' && !this.expired(t)).map((t) => t.hash);
    return tokenMatches(value, live);
  }

  /** A dashboard login for the holder of an API token: the cookie value, or null. */
  async login(apiToken: string): Promise<string | null> {
    if (!this.checkApiToken(apiToken)) return null;
    return this.newCookie();
  }

  async logout(cookieValue: string): Promise<void> {
    if (!this.checkCookie(cookieValue)) return;
    const hash = hashToken(cookieValue);
    this.records = this.records.filter((t) => t.hash !== hash);
    await this.store.removeToken(hash);
  }

  /** A code for the one-time login link `/?token=…`; it works once, for 10 minutes, in this run only. */
  newLoginCode(): string {
    const code = randomBytes(24).toString('base64url');
    for (const [hash, expiresAt] of this.loginCodes) if (expiresAt <= this.now()) this.loginCodes.delete(hash);
    this.loginCodes.set(hashToken(code), this.now() + LOGIN_CODE_TTL_MS);
    return code;
  }

  async redeemLoginCode(code: string): Promise<string | null> {
    const hash = hashToken(code);
    if (!tokenMatches(code, this.loginCodes.keys())) return null;
    const expiresAt = this.loginCodes.get(hash)!;
    this.loginCodes.delete(hash);
    if (expiresAt <= this.now()) return null;
    return this.newCookie();
  }

  /** A new dashboard login; expired ones are forgotten, and past MAX_COOKIES the oldest go. */
  private async newCookie(): Promise<string> {
    const value = randomBytes(32).toString('base64url');
    await this.add({ hash: hashToken(value), kind: 'cookie', expiresAt: new Date(this.now() + COOKIE_TTL_MS).toISOString() });
    const cookies = this.records.filter((t) => t.kind === 'cookie').sort((a, b) => Date.parse(b.expiresAt!) - Date.parse(a.expiresAt!));
    const drop = cookies.filter((t, i) => i >= MAX_COOKIES || this.expired(t));
    if (drop.length > 0) {
      const gone = new Set(drop.map((t) => t.hash));
      this.records = this.records.filter((t) => !gone.has(t.hash));
      for (const t of drop) await this.store.removeToken(t.hash);
    }
    return value;
  }

  private async add(record: TokenRecord): Promise<void> {
    try {
      await this.store.addToken(record);
    } catch (e) {
      for (const fn of this.healthListeners) fn(false);
      throw e; // not kept: a login that could not be saved does not half-exist
    }
    for (const fn of this.healthListeners) fn(true);
    this.records = [...this.records.filter((t) => t.hash !== record.hash), record];
  }

  /** Told after each token write whether the store took it (the API logs a failing disk once). */
  onStoreHealth(fn: (ok: boolean) => void): void {
    this.healthListeners.add(fn);
  }

  private expired(t: TokenRecord): boolean {
    return t.expiresAt != null && Date.parse(t.expiresAt) <= this.now();
  }
}

/** The dashboard's login cookie (an empty value and no age log it out): never for scripts or other sites. */
export function setSessionCookie(reply: FastifyReply, value: string, maxAgeMs: number): FastifyReply {
  return reply.header('Set-Cookie', setCookieHeader(COOKIE_NAME, value, maxAgeMs / 1000));
}

/** The dashboard's login cookie as the browser sent it, or undefined. */
export function sessionCookieOf(headers: IncomingHttpHeaders): string | undefined {
  return readCookie(headers.cookie, COOKIE_NAME);
}
