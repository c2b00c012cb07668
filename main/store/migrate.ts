// `zoom-sessions migrate`: every session, token hash, End audit entry and usage-history instance of one
// store into another, in batches.
import type { AuditEntry } from '../../shared/api-schema.js';
import type { SessionStore } from './session-store.js';

export async function copyStore(from: SessionStore, to: SessionStore, batch = 1_000): Promise<{ sessions: number; tokens: number; audit: number; history: number }> {
  const sessions = await from.list();
  for (let i = 0; i < sessions.length; i += batch) {
    await to.apply(sessions.slice(i, i + batch).map((session) => ({ type: 'upsert' as const, session })));
  }
  const tokens = await from.tokens();
  for (const t of tokens) await to.addToken(t);
  // The End audit, oldest first, as it was written.
  const audit: AuditEntry[] = [];
  for (let page = await from.audit({ limit: 500 }); page.length > 0; page = await from.audit({ limit: 500, before: page.at(-1)!.at })) audit.push(...page);
  for (const e of audit.reverse()) await to.addAudit(e);
  const history = await from.instances({ from: '1970-01-01T00:00:00.000Z', to: '9999-12-31T00:00:00.000Z' });
  for (let i = 0; i < history.length; i += batch) await to.saveInstances(history.slice(i, i + batch));
  return { sessions: sessions.length, tokens: tokens.length, audit: audit.length, history: history.length };
}
