#!/usr/bin/env node
// `npm start`: the desktop app where Electron can run; otherwise one line saying why, and the headless
// service (`zoom-sessions serve`) instead, so the dashboard is there on any machine.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { decideStart, type StartFacts } from './start-mode.js';
import { YOUNG_GENERATION_FLAG, paths } from '../paths.js';


function findElectron(): StartFacts['electron'] {
  try {
    // The electron package's main export is the path of the binary its install step downloaded.
    const binary = createRequire(import.meta.url)('electron') as unknown;
    if (typeof binary !== 'string' || !existsSync(binary)) return { missing: 'the electron package has no binary' };
    return { path: binary };
  } catch (e) {
    // Electron is an optional dependency: where its download failed, npm install went on without it.
    if ((e as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') return { missing: 'the electron package is not installed: its download failed during npm install; `npm install electron` tries again' };
    const why = (e as Error).message.split('\n')[0]!;
    return { missing: /failed to install correctly/i.test(why) ? 'npm install did not download it' : why.replace(/\.$/, '') };
  }
}

const decision = decideStart({ electron: findElectron(), platform: process.platform, env: process.env });
const args = process.argv.slice(2);
// `npm start --demo` (without `--`) hands the flag to npm, which passes it on as npm_config_demo.
if (process.env.npm_config_demo === 'true' && !args.includes('--demo')) args.push('--demo');
if (decision.mode === 'desktop') {
  const child = spawn(decision.electronPath, [`--js-flags=${YOUNG_GENERATION_FLAG}`, paths.electronMain, ...args], { stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => child.kill(sig));
} else {
  process.stderr.write(`zoom-sessions: ${decision.reason}; running the headless service instead.\n`);
  process.argv = [process.argv[0]!, paths.cli, 'serve', ...args];
  createRequire(import.meta.url)(paths.cli); // the CLI as `zoom-sessions` runs it: through its code cache
}
