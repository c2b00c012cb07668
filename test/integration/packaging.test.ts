// `npm run dist` as electron-builder 26 really runs it, with nothing downloaded: its Electron is a stand-in
// folder (electronDist) whose binary carries a real fuse wire, and its fpm a stand-in on PATH that records
// what electron-builder asked of it (USE_SYSTEM_FPM, electron-builder's own switch). The real Electron zip
// and fpm cannot be downloaded here; everything else is electron-builder's own code on our config.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { PACKAGE_DIR } from '../../main/paths.js';

const require = createRequire(import.meta.url);
const asar = require('@electron/asar') as { listPackage(file: string, opts?: object): string[]; createPackage(src: string, dest: string): Promise<void> };
const fuses = require('@electron/fuses') as { getCurrentFuseWire(file: string): Promise<Record<string, number | string>>; FuseV1Options: Record<string, number> };

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron 45's fuse wire as it ships: run as node, cookie encryption off, NODE_OPTIONS and --inspect on,
 * no asar integrity, any app folder, no V8 snapshot, file:// privileged. */
const SHIPPED_WIRE = '10110001';

let dir: string;
let out: string;
let build: { status: number | null; output: string };
let fpmArgs: string[] = [];

before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'zs-dist-'));
  const dist = path.join(dir, 'electron-dist');
  out = path.join(dir, 'out');
  await mkdir(path.join(dist, 'resources'), { recursive: true });
  await mkdir(path.join(dist, 'locales'), { recursive: true });
  // The binary: a program with Electron's fuse sentinel, wire version 1 and 8 fuses, as @electron/fuses reads them.
  await writeFile(path.join(dist, 'electron'), Buffer.concat([Buffer.from(`#!/bin/sh\nexit 0\n# ${SENTINEL}`), Buffer.from([1, 8]), Buffer.from(`${SHIPPED_WIRE}\n`)]));
  await chmod(path.join(dist, 'electron'), 0o755);
  await writeFile(path.join(dist, 'version'), '45.6.1');
  await writeFile(path.join(dist, 'LICENSE'), 'MIT');
  await writeFile(path.join(dist, 'LICENSES.chromium.html'), '<p>licenses</p>');
  await writeFile(path.join(dist, 'locales', 'en-US.pak'), '');
  const defaultApp = path.join(dir, 'default-app');
  await mkdir(defaultApp);
  await writeFile(path.join(defaultApp, 'package.json'), '{"name":"electron-default-app","main":"main.js"}');
  await writeFile(path.join(defaultApp, 'main.js'), '');
  await asar.createPackage(defaultApp, path.join(dist, 'resources', 'default_app.asar'));
  // fpm: records its arguments and what the package's install script does, then makes the package file.
  const bin = path.join(dir, 'bin');
  await mkdir(bin);
  await writeFile(
    path.join(bin, 'fpm'),
    `#!/bin/sh\nprintf '%s\\n' "$@" > "${dir}/fpm-args"\nwhile [ $# -gt 0 ]; do\n  case "$1" in\n    --package) shift; echo deb > "$1" ;;\n    --after-install) shift; cp "$1" "${dir}/after-install" ;;\n  esac\n  shift\ndone\n`,
  );
  await chmod(path.join(bin, 'fpm'), 0o755);
  const cli = require.resolve('electron-builder/cli.js');
  const r = spawnSync(
    process.execPath,
    [cli, '--linux', 'deb', '--x64', '--config', 'electron-builder.yml', `-c.electronDist=${dist}`, '-c.electronVersion=45.6.1', `-c.directories.output=${out}`, '--publish', 'never'],
    { cwd: PACKAGE_DIR, encoding: 'utf8', env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}`, USE_SYSTEM_FPM: 'true', CSC_IDENTITY_AUTO_DISCOVERY: 'false' }, timeout: 240_000 },
  );
  build = { status: r.status, output: `${r.stdout}\n${r.stderr}` };
  if (existsSync(path.join(dir, 'fpm-args'))) fpmArgs = (await readFile(path.join(dir, 'fpm-args'), 'utf8')).split('\n');
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const unpacked = () => path.join(out, 'linux-unpacked');
const argAfter = (flag: string) => fpmArgs[fpmArgs.indexOf(flag) + 1];

test('electron-builder packs the app from our config without an error', () => {
  assert.equal(build.status, 0, build.output);
});

test('app.asar holds the main entry, the preload and the dashboard, and no Electron', () => {
  const files = asar.listPackage(path.join(unpacked(), 'resources', 'app.asar'));
  const pkg = JSON.parse(readFileSyncFromAsar('package.json')) as { main: string };
  for (const f of [`/${pkg.main}`, '/dist/main/app/electron/preload.cjs', '/dist/dashboard/index.html', '/assets/trayTemplate.png']) assert.ok(files.includes(f), `${f} is packed`);
  const electronish = files.filter((f) => /\/node_modules\/(electron|@electron\/get|got|global-agent|extract-zip|electron-builder)(\/|$)/.test(f));
  assert.deepEqual(electronish, [], 'no Electron, its downloader or the builder inside the app');
  assert.ok(!files.some((f) => f.startsWith('/dist/test/') || f.startsWith('/dist/bench/')), 'no tests or benchmarks');
  assert.ok(!existsSync(path.join(unpacked(), 'resources', 'app.asar.unpacked')), 'nothing unpacked beside it: no second Electron');
});

test('the packaged binary has its fuses set: no run as node, no NODE_OPTIONS or --inspect, only app.asar', async () => {
  const wire = await fuses.getCurrentFuseWire(path.join(unpacked(), 'zoom-sessions'));
  const O = fuses.FuseV1Options;
  const on = (o: number) => String.fromCharCode(wire[o] as number);
  assert.equal(on(O.RunAsNode!), '0');
  assert.equal(on(O.EnableCookieEncryption!), '1');
  assert.equal(on(O.EnableNodeOptionsEnvironmentVariable!), '0');
  assert.equal(on(O.EnableNodeCliInspectArguments!), '0');
  assert.equal(on(O.EnableEmbeddedAsarIntegrityValidation!), '1');
  assert.equal(on(O.OnlyLoadAppFromAsar!), '1');
  assert.equal(on(O.GrantFileProtocolExtraPrivileges!), '0');
});

test("the deb's metadata: a maintainer with an e-mail, the homepage, and an install step that brings the AppArmor profile", async () => {
  const pkg = JSON.parse(await readFile(path.join(PACKAGE_DIR, 'package.json'), 'utf8')) as { homepage: string; author: { name: string; email: string } };
  assert.match(argAfter('--maintainer') ?? '', /^.+ <[^@\s]+@[^@\s]+>$/);
  assert.equal(argAfter('--maintainer'), `${pkg.author.name} <${pkg.author.email}>`);
  assert.equal(argAfter('--url'), pkg.homepage);
  assert.equal(argAfter('-t'), 'deb');
  const install = await readFile(path.join(dir, 'after-install'), 'utf8');
  assert.match(install, /APPARMOR_PROFILE_SOURCE='\/opt\/Zoom Sessions\/resources\/apparmor-profile'/);
  const profile = await readFile(path.join(unpacked(), 'resources', 'apparmor-profile'), 'utf8');
  assert.match(profile, /profile "zoom-sessions" "\/opt\/Zoom Sessions\/zoom-sessions" flags=\(unconfined\) \{\s+userns,/, 'lets the packaged app make its sandbox on Ubuntu 24.04');
});

test('macOS: the binary is signed ad hoc again after its fuses are flipped (Apple Silicon kills it otherwise)', async () => {
  const yml = await readFile(path.join(PACKAGE_DIR, 'electron-builder.yml'), 'utf8');
  assert.match(yml, /^electronFuses:\n(?: {2}.*\n)*? {2}resetAdHocDarwinSignature: true$/m);
  // electron-builder 26 hands exactly this option to @electron/fuses, which runs `codesign --sign -` on a .app.
  const packager = await readFile(require.resolve('app-builder-lib/out/platformPackager.js'), 'utf8');
  assert.match(packager, /resetAdHocDarwinSignature: fuses\.resetAdHocDarwinSignature/);
});

function readFileSyncFromAsar(file: string): string {
  return (require('@electron/asar') as { extractFile(archive: string, file: string): Buffer }).extractFile(path.join(unpacked(), 'resources', 'app.asar'), file).toString();
}
