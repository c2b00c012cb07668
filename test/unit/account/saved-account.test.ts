// The saved account is read back through its schema: anything else is the setup screen, with a word why.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { ACCOUNT_FILE, readSavedAccount } from '../../../main/account/saved-account.js';

test('a saved account that is not one this version wrote shows setup, and says so', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'zs-account-'));
  try {
    const cases: [string, unknown][] = [
      ['an id that is not a string', { version: 1, kind: 's2s', accountId: 5, clientId: 'c' }],
      ['an empty id', { version: 1, kind: 's2s', accountId: '', clientId: 'c' }],
      ['another version', { version: 2, kind: 'demo' }],
      ['an unknown kind', { version: 1, kind: 'jwt', token: 't' }],
      ['a list', [1, 2]],
    ];
    for (const [what, content] of cases) {
      await writeFile(path.join(dir, ACCOUNT_FILE), JSON.stringify(content));
      const logs: string[] = [];
      assert.equal(await readSavedAccount(dir, null, (l) => logs.push(l)), null, what);
      assert.deepEqual(logs, [`setup: ${ACCOUNT_FILE} is not an account this version wrote; showing setup.`], what);
    }
    await writeFile(path.join(dir, ACCOUNT_FILE), JSON.stringify({ version: 1, kind: 's2s', accountId: 'a', clientId: 'c' }));
    assert.deepEqual(await readSavedAccount(dir, null, () => undefined), { kind: 's2s', accountId: 'a', clientId: 'c', clientSecret: null });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
