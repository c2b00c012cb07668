// Where the Electron binary is, found as the electron package's own index.js finds it (path.txt, or
// ELECTRON_OVERRIDE_DIST_PATH), but without the download that index.js starts when it is missing: since
// Electron 42 the package has no install step, and the binary comes on first use. `npm start` asks for that
// download itself, saying so first; the tests only look.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export type ElectronBinary = { path: string } | { missing: string; packageDir: string | null };

/** The electron package's folder, or null where it is not installed. */
function electronPackageDir(from: string): string | null {
  try {
    return path.dirname(createRequire(from).resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/** The binary the electron package would run, if it is there. `from`: a file to resolve the package from. */
export function findElectronBinary(from: string, env: NodeJS.ProcessEnv = process.env): ElectronBinary {
  const dir = electronPackageDir(from);
  if (!dir) return { missing: 'the electron package is not installed; `npm install` installs it', packageDir: null };
  const pathFile = path.join(dir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : null;
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override ? path.join(override, executable || 'electron') : executable ? path.join(dir, 'dist', executable) : null;
  if (binary && existsSync(binary)) return { path: binary };
  return { missing: override ? `ELECTRON_OVERRIDE_DIST_PATH has no Electron binary (${binary})` : 'its binary is not downloaded yet', packageDir: dir };
}

/** Runs the electron package's own download (its install.js: `npx install-electron`); true when it got it. */
export function downloadElectronBinary(packageDir: string): boolean {
  const r = spawnSync(process.execPath, [path.join(packageDir, 'install.js')], { stdio: 'inherit' });
  return r.status === 0;
}
