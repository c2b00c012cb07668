// `npm start` (the bundled launcher) against stand-in Electron binaries, found the way the electron package
// finds its own (ELECTRON_OVERRIDE_DIST_PATH): the real binary cannot be downloaded here. Each stand-in
// exits as Chromium does on a real desktop.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { paths } from '../../../main/paths.js';

/** What Chromium 14x prints on Ubuntu 24.04 before it aborts: its own words, with its log prefix. */
const SUID_LINE =
  "[31337:1207/101500.123456:FATAL:sandbox/linux/suid/client/setuid_sandbox_host.cc:166] The SUID sandbox helper binary was found, but is not configured correctly. Rather than run without sandboxing I'm aborting now. You need to make sure that /home/ops/zoom-sessions/node_modules/electron/dist/chrome-sandbox is owned by root and has mode 4755.";

interface Launched {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the launcher with an `electron` stand-in made of `script` (sh), until `until` is printed or it exits. */
async function launch(script: string, until: RegExp): Promise<Launched & { stop(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'zs-launch-'));
  await writeFile(path.join(dir, 'electron'), `#!/bin/sh\n${script}\n`);
  await chmod(path.join(dir, 'electron'), 0o755);
  const child = spawn(process.execPath, [paths.launch, '--demo', '--port', '0', '--data-dir', path.join(dir, 'data')], {
    env: { PATH: process.env.PATH, HOME: dir, DISPLAY: ':42', ELECTRON_OVERRIDE_DIST_PATH: dir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run: Launched = { code: null, stdout: '', stderr: '' };
  await new Promise<void>((resolve) => {
    const check = () => until.test(run.stdout + run.stderr) && resolve();
    child.stdout.on('data', (c: Buffer) => ((run.stdout += c.toString()), check()));
    child.stderr.on('data', (c: Buffer) => ((run.stderr += c.toString()), check()));
    child.on('exit', (code) => ((run.code = code), resolve()));
  });
  return Object.assign(run, {
    async stop() {
      if (child.exitCode == null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      await rm(dir, { recursive: true, force: true });
    },
  });
}

test("Chromium's sandbox refused (Ubuntu 24.04): its line is passed on, then one line of ours, then the headless service", async () => {
  const run = await launch(`echo "${SUID_LINE.replace(/"/g, '\\"')}" >&2\nkill -TRAP $$`, /serving http:\/\/127\.0\.0\.1:\d+/);
  try {
    assert.equal(run.code, null, `still running: ${run.stderr}`);
    const lines = run.stderr.split('\n');
    assert.ok(lines.includes(SUID_LINE), "Chromium's own line reaches the terminal");
    const ours = lines.filter((l) => l.startsWith('zoom-sessions:'));
    assert.equal(ours.length, 1, run.stderr);
    assert.match(ours[0]!, /^zoom-sessions: Electron's sandbox cannot start: this Linux .* restricts unprivileged user namespaces\. Install the \.deb .*chrome-sandbox.*; running the headless service instead\.$/);
    assert.doesNotMatch(run.stderr, /no-sandbox/, 'never offers to turn the sandbox off');
    assert.match(run.stdout, /serving http:\/\/127\.0\.0\.1:\d+ \(demo account\)/);
  } finally {
    await run.stop();
  }
});

test('any other exit of the desktop app is its own: its code is the launcher\'s, and no headless service starts', async () => {
  const run = await launch('echo "something else went wrong" >&2\nexit 3', /$^/);
  try {
    assert.equal(run.code, 3);
    assert.doesNotMatch(run.stdout, /serving/);
    assert.doesNotMatch(run.stderr, /headless/);
  } finally {
    await run.stop();
  }
});

test('the desktop app is started with the shell and the flags the user gave', async () => {
  const run = await launch('echo "args: $*"\nexit 0', /args: /);
  try {
    assert.match(run.stdout, new RegExp(`args: --js-flags=--max-semi-space-size=2 ${paths.electronMain.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} --demo --port 0 --data-dir `));
  } finally {
    await run.stop();
  }
});
