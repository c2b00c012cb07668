// The data dir is private: 0700, its files 0600 (sessions, journal, tokens' hashes, the saved account).
// Made one level at a time: a recursive mkdir under /proc spins forever instead of failing.
import fs from 'node:fs/promises';
import path from 'node:path';

export const DIR_MODE = 0o700;
export const FILE_MODE = 0o600;
const POSIX = process.platform !== 'win32';
/** What we write in a data dir: only these are tightened (a data dir may be a folder people keep other files in). */
const OURS = /^(sessions\.json(\..*)?|journal\.ndjson(\..*)?|data\.lock(\.pid)?|lock|zoom-account\.json(\..*)?|demo)$/;

/** Creates `dir` (and missing parents) one level at a time; fails at once where a level cannot be made. */
export async function makeDir(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const st = await fs.stat(d).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? null : Promise.reject(e)));
    if (st) {
      if (!st.isDirectory()) throw Object.assign(new Error(`${d} is not a directory`), { code: 'ENOTDIR' });
      break;
    }
    missing.unshift(d);
    if (path.dirname(d) === d) break;
  }
  for (const d of missing) {
    await fs.mkdir(d, { mode: DIR_MODE }).catch((e: NodeJS.ErrnoException) => (e.code === 'EEXIST' ? undefined : Promise.reject(e)));
  }
}

/** Makes `dir` if needed and tightens it and the files we keep in it (and in demo/) to private modes. Returns how many entries were wider than that, so the caller can say so once. */
export async function makePrivateDir(dir: string): Promise<number> {
  await makeDir(dir);
  if (!POSIX) return 0;
  let widened = 0;
  const tighten = async (p: string, isDir: boolean, depth: number): Promise<void> => {
    const st = await fs.lstat(p);
    if (st.isSymbolicLink()) return;
    const want = isDir ? DIR_MODE : FILE_MODE;
    if ((st.mode & 0o077) !== 0) {
      await fs.chmod(p, (st.mode & 0o700) | (want & 0o700));
      widened++;
    }
    if (isDir && depth < 2) {
      for (const e of await fs.readdir(p, { withFileTypes: true })) {
        if ((e.isDirectory() || e.isFile()) && OURS.test(e.name)) await tighten(path.join(p, e.name), e.isDirectory(), depth + 1);
      }
    }
  };
  await tighten(path.resolve(dir), true, 0);
  return widened;
}

/** An fs error in one piece: Node's message already starts with its code ("EPERM: operation not permitted, …"). */
export function errnoText(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  const message = (e as Error).message ?? String(e);
  return !code || message.startsWith(code) ? message : `${code}: ${message}`;
}
