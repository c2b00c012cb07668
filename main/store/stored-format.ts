// What a store reads back (the embedded store's files, a shared MongoDB) is checked against the same
// schemas the API serves, so a hand-edited file or a foreign database never puts a malformed session in
// front of the user. The checks are compiled once, on first use: 10 000 sessions take ~10 ms, not ~300 ms. Pure.
import { Type, type Static } from 'typebox';
import { AuditEntrySchema, SessionSchema, UsageInstanceSchema, type AuditEntry, type UsageInstance } from '../../shared/api-schema.js';
import { NO_INSIGHT, type Session } from '../../shared/session.js';
import type { TokenRecord } from './session-store.js';
import { compiledOnUse } from '../../shared/compiled-on-use.js';

const TokenRecordSchema = Type.Object({
  hash: Type.String(),
  kind: Type.Union([Type.Literal('api'), Type.Literal('cookie')]),
  expiresAt: Type.Union([Type.String(), Type.Null()]),
  label: Type.Optional(Type.String({ maxLength: 100 })),
});

const ChangeSchema = Type.Union([
  Type.Object({ type: Type.Literal('upsert'), session: SessionSchema }),
  Type.Object({ type: Type.Literal('remove'), meetingId: Type.String() }),
]);

const JournalEntrySchema = Type.Union([
  Type.Object({ changes: Type.Array(ChangeSchema) }),
  Type.Object({ tokenAdd: TokenRecordSchema }),
  Type.Object({ tokenRemove: Type.String() }),
  Type.Object({ tokensRevoked: Type.Literal(true) }),
]);

export type JournalEntry = Static<typeof JournalEntrySchema>;

const sessionCheck = compiledOnUse(SessionSchema);
const tokenCheck = compiledOnUse(TokenRecordSchema);
const journalCheck = compiledOnUse(JournalEntrySchema);
const auditCheck = compiledOnUse(AuditEntrySchema);
const instanceCheck = compiledOnUse(UsageInstanceSchema);

export interface SnapshotFile {
  version: 1;
  sessions: Session[];
  tokens: TokenRecord[];
}

/** Fields added since the first release, and what an older session has for them: not known yet, not kept. */
const ADDED_FIELDS: Record<string, null | false> = { passcode: null, ...NO_INSIGHT };

/** A session written by an older version, with its missing fields filled. */
function upgraded(s: unknown): unknown {
  if (!s || typeof s !== 'object') return s;
  const missing = Object.keys(ADDED_FIELDS).filter((k) => !(k in s));
  return missing.length === 0 ? s : { ...s, ...Object.fromEntries(missing.map((k) => [k, ADDED_FIELDS[k]])) };
}

const isRecord = (v: unknown): v is Record<string, unknown> => v != null && typeof v === 'object' && !Array.isArray(v);

/** A stored session as it may be used (older ones upgraded), or null when it is not one. */
export function storedSession(raw: unknown): Session | null {
  const s = upgraded(raw);
  return sessionCheck.Check(s) ? s : null;
}

/** A stored token record, or null when it is not one. */
export function storedToken(raw: unknown): TokenRecord | null {
  return tokenCheck.Check(raw) ? raw : null;
}

/** A stored End audit entry, or null when it is not one (a hand edit, a torn line). */
export function storedAudit(raw: unknown): AuditEntry | null {
  return auditCheck.Check(raw) && Number.isFinite(Date.parse(raw.at)) ? raw : null;
}

/** A stored usage-history instance, or null when it is not one. */
export function storedInstance(raw: unknown): UsageInstance | null {
  return instanceCheck.Check(raw) && Number.isFinite(Date.parse(raw.startedAt)) ? raw : null;
}

/** The snapshot's sessions and tokens that are well formed, and how many were not. Throws on unreadable JSON. */
export function readSnapshot(text: string): { sessions: Session[]; tokens: TokenRecord[]; rejected: number } {
  const data: unknown = JSON.parse(text);
  if (!isRecord(data) || !Array.isArray(data.sessions) || !Array.isArray(data.tokens)) throw new Error('not a session file');
  const sessions: Session[] = [];
  const tokens: TokenRecord[] = [];
  let rejected = 0;
  for (const raw of data.sessions as unknown[]) {
    const s = storedSession(raw);
    if (s) sessions.push(s);
    else rejected++;
  }
  for (const raw of data.tokens as unknown[]) {
    const t = storedToken(raw);
    if (t) tokens.push(t);
    else rejected++;
  }
  return { sessions, tokens, rejected };
}

/** One journal line: its entry, 'torn' (not JSON: a kill mid-write) or 'invalid' (JSON, but not an entry). */
export function readJournalLine(line: string): JournalEntry | 'torn' | 'invalid' {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return 'torn';
  }
  if (isRecord(raw) && Array.isArray(raw.changes)) {
    raw = { changes: (raw.changes as unknown[]).map((c) => (isRecord(c) && c.type === 'upsert' ? { ...c, session: upgraded(c.session) } : c)) };
  }
  return journalCheck.Check(raw) ? raw : 'invalid';
}

