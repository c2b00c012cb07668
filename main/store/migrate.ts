// `zoom-sessions migrate`: every session and token hash of one store into another, in batches.
import type { SessionStore } from './session-store.js';

export async function copyStore(from: SessionStore, to: SessionStore, batch = 1_000): Promise<{ sessions: number; tokens: number }> {
  const sessions = await from.list();
  for (let i = 0; i < sessions.length; i += batch) {
    await to.apply(sessions.slice(i, i + batch).map((session) => ({ type: 'upsert' as const, session })));
  }
  const tokens = await from.tokens();
  for (const t of tokens) await to.addToken(t);
  return { sessions: sessions.length, tokens: tokens.length };
}
