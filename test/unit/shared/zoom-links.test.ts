import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkedJoinUrl, isAllowedZoomLink, isZoomHost } from '../../../shared/zoom-links.js';
import { isPersonalLink, joinTarget, webClientUrl } from '../../../shared/join-links.js';

const HOSTILE = [
  'http://zoom.us/j/1',
  'file:///etc/passwd',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)//https://zoom.us/j/1',
  'data:text/html,<script>alert(1)</script>',
  'https://zoom.us.evil.example/j/1',
  'https://evil.example/my/phish',
  'https://evil.example/zoom.us/my/x',
  'https://evilzoom.us/j/1',
  'https://zoom.usx/j/1',
  'https://notzoom.com/j/1',
  'https://zoomgov.com.evil.example/j/1',
  'https://zoom.us@evil.example/j/1',
  'https://user:pass@zoom.us/j/1',
  'https://zoom.us:8443/j/1',
  'zoomus://zoom.us/join',
  'zoommtg://evil.example/join?confno=1',
  'ms-settings:',
  '',
  'not a url',
  `https://zoom.us/${'a'.repeat(3000)}`,
];

test('Zoom links are opened: https on zoom.us, zoom.com, zoomgov.com and their subdomains, and zoommtg: to Zoom', () => {
  for (const ok of [
    'https://zoom.us/j/81234567890?pwd=abc',
    'https://us02web.zoom.us/j/81234567890',
    'https://app.zoom.us/wc/81234567890/join?pwd=x',
    'https://ZOOM.US/my/front-desk',
    'https://example.zoom.com/j/81234567890',
    'https://zoomgov.com/j/1612345678',
    'https://agency.zoomgov.com/j/1612345678',
    'zoommtg://zoom.us/join?action=join&confno=81234567890&pwd=abc',
  ]) assert.equal(isAllowedZoomLink(ok), true, ok);
});

test('everything else is refused: other schemes, look-alike hosts, credentials, ports, junk', () => {
  for (const bad of [...HOSTILE, null, undefined, 42, {}]) assert.equal(isAllowedZoomLink(bad), false, JSON.stringify(bad) ?? 'undefined');
});

test('a join link is kept only when it is a Zoom https link; otherwise it is no link', () => {
  assert.equal(checkedJoinUrl('https://us02web.zoom.us/j/81234567890?pwd=abc'), 'https://us02web.zoom.us/j/81234567890?pwd=abc');
  for (const bad of [...HOSTILE, 'zoommtg://zoom.us/join?confno=1', null, 7]) assert.equal(checkedJoinUrl(bad), null, String(bad));
  assert.equal(isZoomHost('zoom.us.evil.example'), false);
  assert.equal(isZoomHost('a.b.zoom.com'), true);
});

test('"personal link" is read from the parsed Zoom link, not from /my/ anywhere in the string', () => {
  assert.equal(isPersonalLink('https://zoom.us/my/front-desk'), true);
  assert.equal(isPersonalLink('https://evil.example/my/phish'), false);
  assert.equal(isPersonalLink('https://zoom.us/j/1?next=/my/x'), false);
  assert.equal(isPersonalLink('javascript:alert(1)//zoom.us/my/'), false);
  assert.equal(isPersonalLink(null), false);
});

test('Join and Browser targets are always Zoom links, whatever join link the data holds', () => {
  for (const bad of HOSTILE) {
    assert.ok(isAllowedZoomLink(joinTarget('81234567890', bad)), joinTarget('81234567890', bad));
    assert.ok(isAllowedZoomLink(webClientUrl('81234567890', bad)));
  }
  assert.equal(joinTarget('81234567890', 'https://zoom.us/my/desk'), 'https://zoom.us/my/desk');
  assert.equal(joinTarget('81234567890', 'https://evil.example/my/desk'), 'zoommtg://zoom.us/join?action=join&confno=81234567890');
  // The pwd is taken only from a Zoom link.
  assert.equal(joinTarget('1', 'https://evil.example/j/1?pwd=x'), 'zoommtg://zoom.us/join?action=join&confno=1');
  assert.equal(joinTarget('1', 'https://zoom.us/j/1?pwd=x'), 'zoommtg://zoom.us/join?action=join&confno=1&pwd=x');
});
