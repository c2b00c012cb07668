// Where the package's own files are. The code runs from dist/main/… (tsc's output, which the tests import),
// from dist/bundle/ (the bundle `zoom-sessions` and `npm start` run), or from inside Electron's app.asar:
// the package folder is the nearest one above that has our package.json.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function packageDir(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === 'zoom-sessions') return dir;
    if (path.dirname(dir) === dir) throw new Error(`zoom-sessions: no package.json of ours above ${from}`);
  }
}

export const PACKAGE_DIR = packageDir(path.dirname(fileURLToPath(import.meta.url)));

/** V8's young generation kept at 2 MB a half instead of growing to 16: with 10 000 sessions it held ~30 MB of
 * mostly empty pages (bench/scale: settled RSS 128 -> 90 MB). Given on the command line (V8 ignores it once the
 * heap is made): npm start, npm run serve, the Electron main process and the benchmarks pass it; a bare
 * `zoom-sessions` (npx) runs with Node's default. */
export const YOUNG_GENERATION_FLAG = '--max-semi-space-size=2';

/** The headless service's V8 flags: the young generation's, and --optimize-for-size (a heap grown less far past
 * what is live, and collected sooner). With 10 000 sessions and 500 SSE clients connecting at once, the heap no
 * longer swells by their garbage (measured: RSS 107 -> 97 MB; the start's peak 128 -> 104 MB).
 * And one V8 helper thread instead of Node's four: glibc gives each thread that allocates its own malloc arena,
 * and the helpers' (background compiles, concurrent GC) held ~1.7-2.3 MB each once settled (memory probe with
 * 11 000 sessions and 500 SSE clients: arenas 9.4 -> 4.4 MB, RSS 97 -> 92 MB).
 * Not given to Electron: its --js-flags reach the dashboard's renderer too, whose frame times were measured
 * without them. package.json's start and serve scripts spell the same flags (a test compares them). */
export const NODE_MEMORY_FLAGS = [YOUNG_GENERATION_FLAG, '--optimize-for-size', '--v8-pool-size=1'];

export const paths = {
  packageJson: path.join(PACKAGE_DIR, 'package.json'),
  /** The built dashboard (index.html, assets/). */
  dashboard: path.join(PACKAGE_DIR, 'dist/dashboard'),
  /** The Electron shell's entry, compiled but not bundled. */
  electronMain: path.join(PACKAGE_DIR, 'dist/main/app/electron/main.js'),
  /** The headless CLI (`zoom-sessions`), bundled. */
  cli: path.join(PACKAGE_DIR, 'dist/bundle/cli.cjs'),
  /** `npm start`: the desktop app, or the headless service where Electron cannot run; bundled. */
  launch: path.join(PACKAGE_DIR, 'dist/bundle/launch.js'),
};
