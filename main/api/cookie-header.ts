// The one cookie we read and write, by hand: @fastify/cookie parsed every request's Cookie header in an
// onRequest hook and walked an onSend hook on every answer, ~8 µs of a ~40 µs 304. The gate reads the
// cookie only when no token header came (gate.ts), and login, logout and the login link set it.

/** The value of cookie `name` in a Cookie header (the first, as browsers send the most specific first), or
 * undefined. Percent-encoded values are decoded; a value that does not decode is taken as it is. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq < 0 || pair.slice(0, eq).trim() !== name) continue;
    let value = pair.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    return value.includes('%') ? decodeOrKeep(value) : value;
  }
  return undefined;
}

function decodeOrKeep(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** RFC 6265's cookie-octets: the values we issue (base64url) always are; anything else is refused, not sent. */
const COOKIE_VALUE = /^[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]*$/;

/** A Set-Cookie header for the whole site, HttpOnly and SameSite=Strict; an empty value and 0 s delete it. */
export function setCookieHeader(name: string, value: string, maxAgeSeconds: number): string {
  if (!COOKIE_VALUE.test(value)) throw new Error('A cookie value must be cookie-octets.');
  return `${name}=${value}; Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}; Path=/; HttpOnly; SameSite=Strict`;
}
