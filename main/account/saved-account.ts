// The Zoom account chosen on the setup screen, kept in <data-dir>/zoom-account.json: ids in clear,
// the client secret only as the vault's ciphertext. Written whole to a temp file, then renamed.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Type, type Static } from 'typebox';
import { compiledOnUse } from '../../shared/compiled-on-use.js';
import type { SecretVault } from './secret-vault.js';

export type SavedAccount =
  | { kind: 's2s'; accountId: string; clientId: string; clientSecret: string | null }
  | { kind: 'demo' };

const AccountFileSchema = Type.Union([
  Type.Object({ version: Type.Literal(1), kind: Type.Literal('demo') }),
  Type.Object({
    version: Type.Literal(1),
    kind: Type.Literal('s2s'),
    accountId: Type.String({ minLength: 1 }),
    clientId: Type.String({ minLength: 1 }),
    /** base64 of the vault's ciphertext */
    secret: Type.Optional(Type.String()),
  }),
]);
type AccountFile = Static<typeof AccountFileSchema>;
const accountFileCheck = compiledOnUse(AccountFileSchema);

export const ACCOUNT_FILE = 'zoom-account.json';

export class SavedAccountError extends Error {
  override name = 'SavedAccountError';
}

/** The saved choice, or null when there is none or it cannot be read (then the setup screen shows). */
export async function readSavedAccount(dataDir: string, vault: SecretVault | null, log: (line: string) => void): Promise<SavedAccount | null> {
  let text: string;
  try {
    text = await fs.readFile(path.join(dataDir, ACCOUNT_FILE), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') log(`setup: cannot read ${ACCOUNT_FILE} (${(e as Error).message}); showing setup.`);
    return null;
  }
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch {
    log(`setup: ${ACCOUNT_FILE} is not valid JSON; showing setup.`);
    return null;
  }
  if (!accountFileCheck.Check(file)) {
    log(`setup: ${ACCOUNT_FILE} is not an account this version wrote; showing setup.`);
    return null;
  }
  if (file.kind === 'demo') return { kind: 'demo' };
  let clientSecret: string | null = null;
  if (typeof file.secret === 'string' && vault?.available) {
    try {
      clientSecret = vault.decrypt(Buffer.from(file.secret, 'base64'));
    } catch {
      log('setup: the saved client secret cannot be decrypted on this computer; enter it again.');
    }
  }
  return { kind: 's2s', accountId: file.accountId, clientId: file.clientId, clientSecret };
}

/** Keeps the choice; a secret is written only through an available vault, else this refuses. */
export async function writeSavedAccount(dataDir: string, account: SavedAccount, vault: SecretVault | null): Promise<void> {
  let file: AccountFile;
  if (account.kind === 'demo') {
    file = { version: 1, kind: 'demo' };
  } else {
    if (!vault?.available) throw new SavedAccountError('This computer offers no encryption for the client secret, so it is not saved.');
    file = {
      version: 1,
      kind: 's2s',
      accountId: account.accountId,
      clientId: account.clientId,
      ...(account.clientSecret ? { secret: vault.encrypt(account.clientSecret).toString('base64') } : {}),
    };
  }
  const target = path.join(dataDir, ACCOUNT_FILE);
  const temp = `${target}.${process.pid}.tmp`;
  try {
    await fs.mkdir(dataDir, { recursive: true });
    await fs.writeFile(temp, JSON.stringify(file, null, 2) + '\n', { mode: 0o600 });
    await fs.rename(temp, target);
  } catch (e) {
    await fs.rm(temp, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOSPC' ? 'the disk is full' : code === 'EACCES' || code === 'EPERM' ? 'it is not writable' : (e as Error).message;
    throw new SavedAccountError(`Cannot save the Zoom account in ${dataDir}: ${why}.`);
  }
}

export async function forgetSavedAccount(dataDir: string): Promise<void> {
  await fs.rm(path.join(dataDir, ACCOUNT_FILE), { force: true });
}
