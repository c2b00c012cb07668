#!/usr/bin/env node
// `npm start`: the desktop app where Electron can run; otherwise one line saying why, and the headless
// service (`zoom-sessions serve`) instead, so the dashboard is there on any machine.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { downloadElectronBinary, findElectronBinary } from './electron-binary.js';
import { decideStart, sandboxRefusal, type ElectronFound } from './start-mode.js';
import { YOUNG_GENERATION_FLAG, paths } from '../paths.js';
import { nodeTooOld } from '../node-version.js';

const say = (line: string) => process.stderr.write(`zoom-sessions: ${line}\n`);

const tooOld = nodeTooOld(process.versions.node);
if (tooOld) {
  say(tooOld);
  process.exit(2);
}

/** The Electron binary: Electron 42+ downloads it on first use, so the first `npm start` fetches it, once,
 * saying so (ELECTRON_SKIP_BINARY_DOWNLOAD, as CI sets, never fetches). */
function electron(): ElectronFound {
  const found = findElectronBinary(import.meta.url);
  if ('path' in found || !found.packageDir || process.env.ELECTRON_OVERRIDE_DIST_PATH) return found;
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return { missing: 'not downloaded, and ELECTRON_SKIP_BINARY_DOWNLOAD is set' };
  say('downloading Electron, once (about 100 MB)…');
  if (!downloadElectronBinary(found.packageDir)) return { missing: 'its download failed (offline, or behind a proxy?); `npx install-electron` tries again' };
  return findElectronBinary(import.meta.url);
}

function headless(reason: string): void {
  say(`${reason}; running the headless service instead.`);
  process.argv = [process.argv[0]!, paths.cli, 'serve', ...args];
  createRequire(import.meta.url)(paths.cli); // the CLI as `zoom-sessions` runs it: through its code cache
}

const args = process.argv.slice(2);
// `npm start --demo` (without `--`) hands the flag to npm, which passes it on as npm_config_demo.
if (process.env.npm_config_demo === 'true' && !args.includes('--demo')) args.push('--demo');
const decision = decideStart({ electron, platform: process.platform, env: process.env });
if (decision.mode === 'desktop') {
  const child = spawn(decision.electronPath, [`--js-flags=${YOUNG_GENERATION_FLAG}`, paths.electronMain, ...args], { stdio: ['inherit', 'inherit', 'pipe'] });
  // Passed on as it comes; the last few KB kept to tell a sandbox refusal from any other exit.
  let tail = '';
  child.stderr.on('data', (chunk: Buffer) => {
    process.stderr.write(chunk);
    tail = (tail + chunk.toString()).slice(-8192);
  });
  child.on('exit', (code, signal) => {
    const refused = sandboxRefusal({ code, signal }, tail);
    if (refused) return headless(refused);
    process.exit(code ?? (signal ? 1 : 0));
  });
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => child.kill(sig));
} else {
  headless(decision.reason);
}
