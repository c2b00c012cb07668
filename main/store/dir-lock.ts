// One zoom-sessions per data dir. proper-lockfile keeps a lock folder whose mtime the holder refreshes:
// a lock left by a crash or a reboot goes stale by itself, whatever program has its PID now. The PID beside
// it only lets a restart take over at once from a holder that is known dead, and names the holder.
import fs from 'node:fs/promises';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { FILE_MODE } from './data-dir.js';

export const LOCK_DIR = 'data.lock';
const OWNER = 'data.lock.pid';
/** The lock file of earlier versions: a PID alone, which a reboot could hand to another program. */
const LEGACY_LOCK = 'lock';
const STALE_MS = 10_000;

export type DirLockResult = { ok: true; release: () => Promise<void> } | { ok: false; pid: number | null };

export async function lockDir(dir: string, onLost: (e: Error) => void): Promise<DirLockResult> {
  const opts = { realpath: false, lockfilePath: path.join(dir, LOCK_DIR), stale: STALE_MS, retries: 0, onCompromised: onLost };
  for (let attempt = 0; ; attempt++) {
    try {
      const release = await lockfile.lock(dir, opts);
      await fs.chmod(opts.lockfilePath, 0o700).catch(() => undefined); // private like the rest of the dir
      await fs.writeFile(path.join(dir, OWNER), String(process.pid), { mode: FILE_MODE });
      await fs.rm(path.join(dir, LEGACY_LOCK), { force: true });
      return {
        ok: true,
        release: async () => {
          await fs.rm(path.join(dir, OWNER), { force: true }).catch(() => undefined);
          await release().catch(() => undefined);
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ELOCKED') throw e;
      const pid = Number(await fs.readFile(path.join(dir, OWNER), 'utf8').catch(() => '')) || null;
      // Fresh, and its holder is alive or unknown: in use.
      if (attempt > 0 || pid == null || isAlive(pid)) return { ok: false, pid };
      await fs.rm(opts.lockfilePath, { recursive: true, force: true }); // its holder is dead
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
