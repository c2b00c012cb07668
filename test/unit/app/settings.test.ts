// Settings: defaults, validation on load and save, and secrets only through the vault.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_SETTINGS, loadSettings, prepareSave, serviceEnv, settingsView, splitMongoPassword } from '../../../main/app/settings.js';
import { parseServeArgs } from '../../../main/config.js';
import { testVault } from '../../helpers/vault.js';

test('defaults when nothing is saved', () => {
  assert.deepEqual(loadSettings(undefined, null), { settings: DEFAULT_SETTINGS, problems: [] });
  assert.deepEqual(DEFAULT_SETTINGS, {
    liveIntervalSec: 10,
    port: 5000,
    launchAtLogin: false,
    notifyStarted: true,
    notifyEnded: false,
    notifyAttention: true,
    autoEnd: [],
    autoEndWarningMin: 5,
    globalShortcut: 'CommandOrControl+Shift+Z',
    mongoUri: '',
  });
});

test('a bad saved value falls back to its default and says so; the good ones are kept', () => {
  const { settings, problems } = loadSettings({ settings: { port: 99999, liveIntervalSec: 30, globalShortcut: 'rm -rf', unknown: 1 } as never }, null);
  assert.equal(settings.port, 5000);
  assert.equal(settings.liveIntervalSec, 30);
  assert.equal(settings.globalShortcut, 'CommandOrControl+Shift+Z');
  assert.deepEqual(problems, ['The saved port was not valid; using 5000.', 'The saved globalShortcut was not valid; using "CommandOrControl+Shift+Z".']);
});

test('saving validates every field and names what is wrong', () => {
  const r = prepareSave({ ...DEFAULT_SETTINGS, liveIntervalSec: 1, port: -1, globalShortcut: 'Z', mongoUri: 'http://x' }, DEFAULT_SETTINGS, null);
  assert.equal(r.ok, false);
  const text = r.ok ? '' : r.errors.join('\n');
  for (const field of ['liveIntervalSec', 'port', 'globalShortcut', 'mongoUri']) assert.match(text, new RegExp(field));
  assert.equal(prepareSave({ ...DEFAULT_SETTINGS, extra: true }, DEFAULT_SETTINGS, null).ok, false, 'unknown fields refused');
  assert.equal(prepareSave('nonsense', DEFAULT_SETTINGS, null).ok, false);
});

test('a MongoDB password is kept only as ciphertext, shown as ***, and *** keeps it', () => {
  const vault = testVault();
  const uri = 'mongodb://ops:hunter2-secret@db.example.org:27017/?replicaSet=rs0';
  const r = prepareSave({ ...DEFAULT_SETTINGS, mongoUri: uri }, DEFAULT_SETTINGS, vault);
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.equal(r.restartNeeded, true);
  assert.equal(r.stored.settings.mongoUri, 'mongodb://ops@db.example.org:27017/?replicaSet=rs0');
  assert.ok(!JSON.stringify(r.stored).includes('hunter2-secret'));
  assert.equal(loadSettings(r.stored, vault).settings.mongoUri, uri, 'read back through the vault');
  const view = settingsView(r.settings, [], vault);
  assert.equal(view.settings.mongoUri, 'mongodb://ops:***@db.example.org:27017/?replicaSet=rs0');
  const kept = prepareSave(view.settings, r.settings, vault);
  assert.ok(kept.ok && kept.settings.mongoUri === uri && !kept.restartNeeded, 'saving the view again keeps the password');
  const moved = prepareSave({ ...view.settings, mongoUri: 'mongodb://ops:***@other.example.org' }, r.settings, vault);
  assert.equal(moved.ok, false, '*** does not follow the password to another server');
});

test('without safeStorage a password is refused, not stored in plain text; a saved one that cannot be read is dropped with a word', () => {
  const none = testVault(false);
  const r = prepareSave({ ...DEFAULT_SETTINGS, mongoUri: 'mongodb://ops:pw@db' }, DEFAULT_SETTINGS, none);
  assert.equal(r.ok, false);
  assert.match(r.ok ? '' : r.errors[0]!, /no keychain .* not saved\. Set MONGODB_URI/);
  assert.ok(prepareSave({ ...DEFAULT_SETTINGS, mongoUri: 'mongodb://db.example.org' }, DEFAULT_SETTINGS, none).ok, 'no password: nothing secret to keep');
  const saved = prepareSave({ ...DEFAULT_SETTINGS, mongoUri: 'mongodb://ops:pw@db' }, DEFAULT_SETTINGS, testVault());
  assert.ok(saved.ok);
  const elsewhere = loadSettings(saved.ok ? saved.stored : undefined, testVault()); // another computer's key
  assert.equal(elsewhere.settings.mongoUri, '');
  assert.match(elsewhere.problems[0]!, /MongoDB password cannot be read on this computer/);
});

test('splitMongoPassword', () => {
  assert.deepEqual(splitMongoPassword('mongodb://a:b@h'), { uri: 'mongodb://a@h', password: 'b' });
  assert.deepEqual(splitMongoPassword('mongodb+srv://a:p%40ss@c.example.net/'), { uri: 'mongodb+srv://a@c.example.net/', password: 'p%40ss' });
  assert.deepEqual(splitMongoPassword('mongodb://h:27017'), { uri: 'mongodb://h:27017', password: null });
});

test('auto-end in Settings: kinds listed once each, a 1 to 60 min warning; saved, it reaches the service (and needs a restart)', () => {
  for (const bad of [{ autoEnd: ['idle'] }, { autoEnd: ['empty', 'empty'] }, { autoEndWarningMin: 0 }, { autoEndWarningMin: 61 }]) {
    const r = prepareSave({ ...DEFAULT_SETTINGS, ...bad }, DEFAULT_SETTINGS, null);
    assert.equal(r.ok, false, JSON.stringify(bad));
    assert.match(r.ok ? '' : r.errors.join('\n'), /autoEnd/);
  }
  const saved = prepareSave({ ...DEFAULT_SETTINGS, autoEnd: ['empty', 'overrun'], autoEndWarningMin: 2 }, DEFAULT_SETTINGS, null);
  assert.ok(saved.ok && saved.restartNeeded);
  const again = prepareSave({ ...saved.settings, autoEnd: ['empty', 'overrun'] }, saved.settings, null);
  assert.ok(again.ok && !again.restartNeeded, 'the same list, sent again: no restart');
  const policy = parseServeArgs([], serviceEnv(saved.settings, {})).autoEnd;
  assert.deepEqual([[...policy.kinds], policy.warningMs], [['empty', 'overrun'], 120_000]);
  const none = parseServeArgs([], serviceEnv(DEFAULT_SETTINGS, { ZOOM_SESSIONS_AUTO_END: 'alone' })).autoEnd;
  assert.deepEqual([...none.kinds], ['alone'], 'left empty in Settings, the environment stands');
});
