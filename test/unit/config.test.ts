import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { ConfigError, defaultDataDir, mongoConfigFromEnv, parseServeArgs, redactMongoUri } from '../../main/config.js';

const S2S = { ZOOM_ACCOUNT_ID: 'acc', ZOOM_CLIENT_ID: 'cid', ZOOM_CLIENT_SECRET: 'very-secret-value' };

function configError(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof ConfigError, String(e));
    assert.ok(!e.message.includes('\n'), 'one line');
    return e.message;
  }
  assert.fail('expected a ConfigError');
}

test('defaults: loopback, port 5000, OS app-data dir, Zoom endpoints', () => {
  const c = parseServeArgs([], { ...S2S, HOME: '/home/x' });
  assert.equal(c.host, '127.0.0.1');
  assert.equal(c.port, 5000);
  assert.equal(c.liveIntervalMs, 10_000);
  assert.equal(c.zoom?.apiBaseUrl, 'https://api.zoom.us/v2');
  assert.equal(c.zoom?.oauthUrl, 'https://zoom.us/oauth/token');
  assert.deepEqual(c.zoom?.auth, { kind: 's2s', accountId: 'acc', clientId: 'cid', clientSecret: 'very-secret-value' });
  assert.equal(c.dataDir, defaultDataDir({ ...S2S }));
});

test('data dir per OS', () => {
  assert.equal(defaultDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32'), path.join('C:\\Users\\a\\AppData\\Roaming', 'zoom-sessions'));
  assert.match(defaultDataDir({}, 'darwin'), /Library\/Application Support\/zoom-sessions$/);
  assert.equal(defaultDataDir({ XDG_CONFIG_HOME: '/xdg' }, 'linux'), '/xdg/zoom-sessions');
});

test('flags and endpoint overrides', () => {
  const c = parseServeArgs(['--port', '5055', '--host', '0.0.0.0', '--data-dir', '/tmp/d'], {
    ZOOM_API_TOKEN: 'static-token',
    ZOOM_API_BASE_URL: 'http://127.0.0.1:9/v2/',
    ZOOM_OAUTH_URL: 'http://127.0.0.1:9/oauth/token',
    ZOOM_MEETING_PASSWORD: 'pw',
  });
  assert.equal(c.port, 5055);
  assert.equal(c.host, '0.0.0.0');
  assert.equal(c.dataDir, '/tmp/d');
  assert.equal(c.zoom?.apiBaseUrl, 'http://127.0.0.1:9/v2');
  assert.deepEqual(c.zoom?.auth, { kind: 'static', token: 'static-token' });
  assert.equal(c.fallbackPassword, 'pw');
});

test('--demo needs no credentials', () => {
  assert.equal(parseServeArgs(['--demo'], {}).zoom, null);
});

test('no credentials is not an error: the setup screen asks, against Zoom or ZOOM_API_BASE_URL', () => {
  const c = parseServeArgs([], {});
  assert.equal(c.zoom, null);
  assert.deepEqual(c.zoomEndpoints, { apiBaseUrl: 'https://api.zoom.us/v2', oauthUrl: 'https://zoom.us/oauth/token' });
  assert.equal(parseServeArgs([], { ZOOM_API_BASE_URL: 'http://127.0.0.1:9/v2/' }).zoomEndpoints.apiBaseUrl, 'http://127.0.0.1:9/v2');
});

test('config errors name what to set, in one line, without secrets', () => {
  const partial = configError(() => parseServeArgs([], { ZOOM_CLIENT_ID: 'cid', ZOOM_CLIENT_SECRET: 'very-secret-value' }));
  assert.match(partial, /set ZOOM_ACCOUNT_ID too/);
  assert.ok(!partial.includes('very-secret-value'));
  assert.match(configError(() => parseServeArgs([], { ...S2S, ZOOM_API_BASE_URL: 'not a url' })), /ZOOM_API_BASE_URL is not a valid URL/);
  assert.match(configError(() => parseServeArgs([], { ...S2S, ZOOM_OAUTH_URL: 'ftp://x/y' })), /ZOOM_OAUTH_URL must be an http/);
  assert.match(configError(() => parseServeArgs(['--port', 'abc'], S2S)), /--port must be a number/);
  assert.match(configError(() => parseServeArgs(['--port', '70000'], S2S)), /--port/);
  assert.match(configError(() => parseServeArgs(['--bogus'], S2S)), /Unknown option '--bogus'.*Usage/);
  assert.match(configError(() => parseServeArgs([], { ...S2S, ZOOM_SESSIONS_LIVE_INTERVAL: '0.5' })), /ZOOM_SESSIONS_LIVE_INTERVAL/);
  assert.match(configError(() => parseServeArgs([], { ...S2S, ZOOM_PLAN: 'free' })), /ZOOM_PLAN/);
  assert.match(configError(() => parseServeArgs(['--api-token', 'short'], S2S)), /at least 16/);
});

test('MongoDB: MONGODB_URI as given (database zoom_sessions by default), or the original MONGODB_IP: port 27020 and database "db" as the original had them', () => {
  assert.equal(mongoConfigFromEnv({}), null);
  assert.equal(parseServeArgs([], {}).mongo, null, 'the embedded store by default');
  assert.deepEqual(mongoConfigFromEnv({ MONGODB_URI: 'mongodb://db1:27017,db2:27017/?replicaSet=rs0' }), {
    uri: 'mongodb://db1:27017,db2:27017/?replicaSet=rs0',
    dbName: 'zoom_sessions',
    shown: 'mongodb://db1:27017,db2:27017/?replicaSet=rs0',
    from: 'MONGODB_URI',
  });
  assert.deepEqual(mongoConfigFromEnv({ MONGODB_IP: '192.168.1.10' }), { uri: 'mongodb://192.168.1.10:27020', dbName: 'db', shown: 'mongodb://192.168.1.10:27020', from: 'MONGODB_IP' });
  assert.equal(mongoConfigFromEnv({ MONGODB_IP: '192.168.1.10', MONGODB_PORT: '27018', MONGODB_DB: 'legacy' })!.uri, 'mongodb://192.168.1.10:27018');
  assert.equal(mongoConfigFromEnv({ MONGODB_IP: '192.168.1.10', MONGODB_DB: 'legacy' })!.dbName, 'legacy');
  assert.equal(mongoConfigFromEnv({ MONGODB_IP: 'fd00::10' })!.uri, 'mongodb://[fd00::10]:27020');
  assert.equal(mongoConfigFromEnv({ MONGODB_URI: 'mongodb+srv://cluster0.example.mongodb.net/' })!.uri, 'mongodb+srv://cluster0.example.mongodb.net/');
});

test('MongoDB settings errors name the variable, in one line, and never show a password', () => {
  const cases: [NodeJS.ProcessEnv, RegExp][] = [
    [{ MONGODB_URI: 'http://db:27017' }, /MONGODB_URI must start with mongodb:\/\/ or mongodb\+srv:\/\//],
    [{ MONGODB_URI: 'mongodb://a', MONGODB_IP: '10.0.0.1' }, /MONGODB_URI or MONGODB_IP, not both/],
    [{ MONGODB_PORT: '27017' }, /MONGODB_PORT is set without MONGODB_IP/],
    [{ MONGODB_IP: '10.0.0.1', MONGODB_PORT: '70000' }, /MONGODB_PORT must be a port number/],
    [{ MONGODB_IP: '10.0.0.1', MONGODB_PORT: 'abc' }, /MONGODB_PORT must be a port number/],
    [{ MONGODB_IP: 'db host' }, /MONGODB_IP must be a host name or IP address/],
    [{ MONGODB_IP: '10.0.0.1', MONGODB_DB: 'bad.name' }, /MONGODB_DB must be a database name/],
  ];
  for (const [env, re] of cases) assert.match(configError(() => parseServeArgs([], env)), re);
  const withPassword = configError(() => parseServeArgs([], { MONGODB_URI: 'postgres://ops:hunter2-secret@db/' }));
  assert.ok(!withPassword.includes('hunter2-secret'), withPassword);
  assert.equal(redactMongoUri('mongodb://ops:hunter2-secret@db1,db2/zs?authSource=admin'), 'mongodb://ops:***@db1,db2/zs?authSource=admin');
  assert.equal(redactMongoUri('mongodb+srv://ops:p%40ss@cluster0.example.net/'), 'mongodb+srv://ops:***@cluster0.example.net/');
  assert.equal(redactMongoUri('mongodb://x509user@db/'), 'mongodb://x509user@db/');
  assert.equal(mongoConfigFromEnv({ MONGODB_URI: 'mongodb://ops:hunter2-secret@db/' })!.shown, 'mongodb://ops:***@db/');
});

test('attention thresholds: durations such as 90s, 20m, 1.5h; unset ones keep 10 / 20 / 15 min; bad ones named', () => {
  assert.deepEqual(parseServeArgs([], {}).attention, { emptyMs: 600_000, aloneMs: 1_200_000, overrunMs: 900_000 });
  const set = parseServeArgs([], { ZOOM_SESSIONS_ATTENTION_EMPTY: '90s', ZOOM_SESSIONS_ATTENTION_ALONE: ' 1.5h ', ZOOM_SESSIONS_ATTENTION_OVERRUN: '45M' });
  assert.deepEqual(set.attention, { emptyMs: 90_000, aloneMs: 5_400_000, overrunMs: 2_700_000 });
  assert.deepEqual(parseServeArgs(['--demo'], {}).attention, { emptyMs: 60_000, aloneMs: 60_000, overrunMs: 60_000 }, 'the demo flags within two minutes');
  assert.equal(parseServeArgs(['--demo'], { ZOOM_SESSIONS_ATTENTION_ALONE: '5m' }).attention.aloneMs, 300_000);
  for (const bad of ['20', '20 minutes', '-5m', '10s', '25h', 'soon', '1e3s']) {
    const text = configError(() => parseServeArgs([], { ZOOM_SESSIONS_ATTENTION_ALONE: bad }));
    assert.match(text, /^ZOOM_SESSIONS_ATTENTION_ALONE must be a duration from 30s to 24h, such as 90s, 20m or 1h \(got ".*"\)\.$/, bad);
  }
});

test('auto-end: off unless ZOOM_SESSIONS_AUTO_END lists kinds; a 5-min warning unless set; meeting IDs excepted; bad values named', () => {
  const off = parseServeArgs([], {}).autoEnd;
  assert.deepEqual([[...off.kinds], off.warningMs, [...off.except]], [[], 300_000, []]);
  const on = parseServeArgs([], { ZOOM_SESSIONS_AUTO_END: ' Empty, overrun ', ZOOM_SESSIONS_AUTO_END_WARNING: '2m', ZOOM_SESSIONS_AUTO_END_EXCEPT: '812 3456 7890, 81000000001' }).autoEnd;
  assert.deepEqual([[...on.kinds], on.warningMs, [...on.except]], [['empty', 'overrun'], 120_000, ['81234567890', '81000000001']]);
  assert.equal(parseServeArgs([], { ZOOM_SESSIONS_AUTO_END: '' }).autoEnd.kinds.size, 0);
  const demo = parseServeArgs(['--demo'], {}).autoEnd;
  assert.deepEqual([[...demo.kinds], demo.warningMs], [['empty'], 30_000], 'the demo ends a room left empty after a 30-s warning');
  assert.equal(parseServeArgs(['--demo'], { ZOOM_SESSIONS_AUTO_END: '' }).autoEnd.kinds.size, 0, 'and can be told not to');
  const bad: [NodeJS.ProcessEnv, RegExp][] = [
    [{ ZOOM_SESSIONS_AUTO_END: 'empty,idle' }, /^ZOOM_SESSIONS_AUTO_END lists what to end by itself: empty, alone and\/or overrun, comma-separated \(got "idle"\)\.$/],
    [{ ZOOM_SESSIONS_AUTO_END: 'true' }, /got "true"/],
    [{ ZOOM_SESSIONS_AUTO_END_WARNING: '5' }, /^ZOOM_SESSIONS_AUTO_END_WARNING must be a duration from 30s to 24h/],
    [{ ZOOM_SESSIONS_AUTO_END_EXCEPT: 'Ops stand-up' }, /^ZOOM_SESSIONS_AUTO_END_EXCEPT lists meeting IDs \(9 to 12 digits\), comma-separated \(got "Opsstandup"\)\.$/],
  ];
  for (const [env, expected] of bad) assert.match(configError(() => parseServeArgs([], env)), expected, JSON.stringify(env));
});

test('usage: 90 days of history unless ZOOM_SESSIONS_HISTORY_DAYS says; licenses only when ZOOM_SESSIONS_LICENSES is set; bad values named', () => {
  assert.deepEqual([parseServeArgs([], {}).historyKeepMs, parseServeArgs([], {}).licenses], [90 * 86_400_000, null]);
  const set = parseServeArgs([], { ZOOM_SESSIONS_HISTORY_DAYS: '30', ZOOM_SESSIONS_LICENSES: ' 12 ' });
  assert.deepEqual([set.historyKeepMs, set.licenses], [30 * 86_400_000, 12]);
  for (const [env, expected] of [
    [{ ZOOM_SESSIONS_HISTORY_DAYS: '0' }, /^ZOOM_SESSIONS_HISTORY_DAYS must be the days of usage history to keep, a whole number from 1 to 3650 \(got "0"\)\.$/],
    [{ ZOOM_SESSIONS_HISTORY_DAYS: '90d' }, /got "90d"/],
    [{ ZOOM_SESSIONS_LICENSES: 'twelve' }, /^ZOOM_SESSIONS_LICENSES must be the account's Zoom licenses, a whole number from 1 to 1000000/],
  ] as [NodeJS.ProcessEnv, RegExp][]) assert.match(configError(() => parseServeArgs([], env)), expected);
});
