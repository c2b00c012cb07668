// The one table of Zoom calls: README's scope list is the table's, every feature's scopes are the calls'.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { PACKAGE_DIR } from '../../../main/paths.js';
import { callAllowed, REQUIRED_SCOPE_NAMES, scopeTableRows, ZOOM_CALLS, ZOOM_SCOPES } from '../../../shared/zoom-calls.js';

test("README's scope table is the table's, and names the participants scope", async () => {
  const readme = await readFile(path.join(PACKAGE_DIR, 'README.md'), 'utf8');
  const block = ['| scope | for |', '|---|---|', ...scopeTableRows()].join('\n');
  assert.ok(readme.includes(block), `README.md should hold, as it is:\n${block}`);
  assert.match(readme, /`dashboard:read:list_meeting_participants:admin`/);
});

test('each call: its granular scope or its classic one; the Dashboard is optional, the rest required', () => {
  const c = ZOOM_CALLS['dashboard-participants'];
  assert.equal(callAllowed(c, new Set(['dashboard:read:list_meetings:admin'])), false, 'the list scope is not the participants scope');
  assert.equal(callAllowed(c, new Set([c.granular])), true);
  assert.equal(callAllowed(c, new Set([c.classic])), true, 'an app made before 2024');
  assert.deepEqual(REQUIRED_SCOPE_NAMES, ['user:read:list_users:admin', 'meeting:read:list_meetings:admin', 'meeting:read:meeting:admin', 'meeting:update:status:admin']);
  assert.deepEqual(ZOOM_SCOPES.filter((s) => s.optional).flatMap((s) => s.granular), ['dashboard:read:list_meetings:admin', 'dashboard:read:list_meeting_participants:admin']);
  assert.deepEqual(Object.fromEntries(Object.entries(ZOOM_CALLS).map(([n, x]) => [n, x.category])), {
    users: 'medium', 'user-meetings': 'medium', meeting: 'light', 'end-meeting': 'light', dashboard: 'resource-intensive', 'dashboard-participants': 'heavy',
  });
});
