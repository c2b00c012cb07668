import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { ConfigError, defaultDataDir, parseServeArgs } from '../../main/config.js';

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
