import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAllowedZoomLink } from '../../../main/app/zoom-links.js';

test('Zoom links are opened: https on zoom.us and its subdomains, and zoommtg:', () => {
  for (const ok of [
    'https://zoom.us/j/81234567890?pwd=abc',
    'https://us02web.zoom.us/j/81234567890',
    'https://app.zoom.us/wc/81234567890/join?pwd=x',
    'https://ZOOM.US/my/front-desk',
    'zoommtg://zoom.us/join?action=join&confno=81234567890&pwd=abc',
  ]) assert.equal(isAllowedZoomLink(ok), true, ok);
});

test('everything else is refused: other schemes, look-alike hosts, credentials, ports, junk', () => {
  for (const bad of [
    'http://zoom.us/j/1',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'https://zoom.us.evil.example/j/1',
    'https://evilzoom.us/j/1',
    'https://zoom.usx/j/1',
    'https://evil.example/zoom.us',
    'https://zoom.us@evil.example/j/1',
    'https://user:pass@zoom.us/j/1',
    'https://zoom.us:8443/j/1',
    'zoomus://zoom.us/join',
    'ms-settings:',
    '',
    'not a url',
    `https://zoom.us/${'a'.repeat(3000)}`,
  ]) assert.equal(isAllowedZoomLink(bad), false, bad);
});
