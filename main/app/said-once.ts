// Things the app says once per data dir, not at every start (why the window opens with no tray, say).
// Plain Node: a marker file, made exclusively, so two starts never both say it.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

/** true the first time `key` is asked for in `dir` (and every time the marker cannot be written). */
export async function firstTime(dir: string, key: string): Promise<boolean> {
  try {
    await writeFile(path.join(dir, `.said-${key}`), new Date().toISOString(), { flag: 'wx', mode: 0o600 });
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== 'EEXIST';
  }
}
