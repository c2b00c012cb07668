import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sandboxRefusal } from '../../../main/app/start-mode.js';
import { nodeTooOld } from '../../../main/node-version.js';

test("a sandbox refusal is Chromium's line and a SIGTRAP together, nothing less", () => {
  const suid = 'FATAL:setuid_sandbox_host.cc(158)] The SUID sandbox helper binary was found, but is not configured correctly.';
  const none = 'FATAL:zygote_host_impl_linux.cc(127)] No usable sandbox! If you are running on Ubuntu 23.10+ or another Linux distro that has disabled unprivileged user namespaces with AppArmor, see …';
  assert.match(sandboxRefusal({ code: null, signal: 'SIGTRAP' }, suid) ?? '', /Ubuntu 23\.10/);
  assert.match(sandboxRefusal({ code: null, signal: 'SIGTRAP' }, none) ?? '', /Install the \.deb/);
  assert.match(sandboxRefusal({ code: 133, signal: null }, none) ?? '', /chrome-sandbox/, 'as a shell in between reports it');
  assert.equal(sandboxRefusal({ code: null, signal: 'SIGTRAP' }, 'some other crash'), null);
  assert.equal(sandboxRefusal({ code: 1, signal: null }, suid), null, 'the line alone, without the abort');
  assert.equal(sandboxRefusal({ code: 0, signal: null }, ''), null);
});

test('Node 22.12 or newer; an older Node is refused in one line', () => {
  for (const ok of ['22.12.0', '22.21.1', '23.0.0', '24.22.3', '26.1.0']) assert.equal(nodeTooOld(ok), null, ok);
  for (const old of ['20.20.2', '22.11.0', '18.20.8']) assert.match(nodeTooOld(old) ?? '', new RegExp(`^Node\\.js ${old.replace(/\./g, '\\.')} is too old: zoom-sessions needs Node\\.js 22\\.12\\.0 or newer`), old);
});
