// API tokens: 32 random bytes, kept only as sha256 hashes, compared in constant time.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function newApiToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** True when the token's hash is one of `hashes`. Every hash is compared, so timing tells nothing. */
export function tokenMatches(token: string, hashes: Iterable<string>): boolean {
  const given = Buffer.from(hashToken(token), 'hex');
  let found = false;
  for (const h of hashes) {
    const known = Buffer.from(h, 'hex');
    if (known.length === given.length && timingSafeEqual(known, given)) found = true;
  }
  return found;
}
