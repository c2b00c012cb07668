// The door: which Host names may reach us (DNS rebinding), which Origin may write with a cookie
// (CSRF), and the headers every answer carries. Pure functions; server.ts wires them as hooks.
import os from 'node:os';
import { parseHost } from '../../shared/host-header.js';

const WILDCARDS = new Set(['0.0.0.0', '::', '[::]']);

/** Host names a request may carry: loopback names, the configured host, and, when listening on every
 * interface, this machine's own addresses and name. */
export function allowedHostNames(configuredHost: string): Set<string> {
  const names = new Set(['localhost', '127.0.0.1', '::1', normaliseHostName(configuredHost)]);
  if (WILDCARDS.has(configuredHost)) {
    names.add(os.hostname().toLowerCase());
    for (const list of Object.values(os.networkInterfaces())) for (const a of list ?? []) names.add(a.address.toLowerCase());
  }
  return names;
}

export function normaliseHostName(host: string): string {
  return parseHost(host).name;
}

/** The Host names one of ours and the port this connection came in on (no port means 80): a page on
 * another local port, or a rebound name, is not us. */
export function hostAllowed(hostHeader: string | undefined, localPort: number | undefined, allowed: ReadonlySet<string>): boolean {
  if (!hostHeader) return false;
  const { name, port } = parseHost(hostHeader);
  return allowed.has(name) && (port ?? 80) === localPort;
}

/** A cookie-authenticated write must come from a page we served: its Origin is our own. */
export function sameOrigin(origin: string | undefined, hostHeader: string | undefined): boolean {
  if (!origin || !hostHeader) return false;
  return origin === `http://${hostHeader}` || origin === `https://${hostHeader}`;
}

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const COMMON_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
