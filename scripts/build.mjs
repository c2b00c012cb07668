// The build: TypeScript to dist/, the Electron shell, the dashboard with Vite.
//   node scripts/build.mjs           clean build (npm run build, npm test)
//   node scripts/build.mjs --quick   only what changed (npm start): tsc incremental, and the dashboard is
//                                    rebuilt only when its inputs changed, so a second start takes seconds
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import zlib, { brotliCompressSync, gzipSync } from 'node:zlib';

const quick = process.argv.includes('--quick');
const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');

function run(file, args) {
  const r = spawnSync(process.execPath, [file, ...args], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const incremental = (name) => (quick ? ['--incremental', '--tsBuildInfoFile', `dist/.${name}.tsbuildinfo`] : []);

if (!quick) rmSync('dist', { recursive: true, force: true });
run('scripts/sse-checks.mjs', []); // the dashboard's payload checks, before TypeScript reads them
run(tsc, ['-p', 'tsconfig.json', ...incremental('main')]);

// The Electron shell, against electron's types (a devDependency, like TypeScript: where one is, so is the other).
run(tsc, ['-p', 'main/app/electron/tsconfig.json', ...incremental('shell')]);

// The headless service in one file: Node spent ~0.5 s opening, stat-ing and compiling ~1 500 modules (typebox
// alone is 709) before the first answer. Bundled from tsc's output, which the tests import module by module.
// MongoDB's driver stays outside (loaded only with MONGODB_URI, with its optional native parts); so does
// Electron, whose shell runs compiled, not bundled. The CLI is CommonJS, run through V8's code cache by
// cli.cjs (scripts/code-cached-entry.cjs: it measured faster than Node's own module.enableCompileCache);
// `npm start`'s launcher stays a module and loads it by path.
{
  const { build } = await import('rolldown');
  rmSync('dist/bundle', { recursive: true, force: true }); // no chunk, and no code cache, of an earlier build left behind
  const common = { platform: 'node', external: [/^mongodb(\/|$)/, /^electron(\/|$)/], logLevel: 'warn' };
  // Minified (half the bytes to read and parse); names kept for stack traces, and maps beside for
  // `NODE_OPTIONS=--enable-source-maps`.
  const output = { dir: 'dist/bundle', minify: true, keepNames: true, sourcemap: true, charset: 'ascii' };
  await build({ ...common, input: { service: 'dist/main/cli.js' }, output: { ...output, format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: '[name]-[hash].cjs' } });
  await build({ ...common, input: { launch: 'dist/main/app/launch.js' }, output: { ...output, format: 'esm', chunkFileNames: '[name]-[hash].js' } });
  copyFileSync('scripts/code-cached-entry.cjs', 'dist/bundle/cli.cjs');
}

// The dashboard: its own sources, what it imports from shared/, and its build settings.
const STAMP = 'dist/.dashboard-inputs'; // beside, not inside, the served folder
const files = (dir) => readdirSync(dir, { recursive: true }).map((f) => path.join(dir, String(f))).filter((f) => statSync(f).isFile()).sort();
const hash = createHash('sha256');
for (const f of [...files('renderer'), ...files('shared'), 'vite.config.ts', 'package-lock.json']) hash.update(f).update(readFileSync(f));
const inputs = hash.digest('hex');
if (quick && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === inputs) process.exit(0);
run(tsc, ['-p', 'renderer/tsconfig.json']);
run(path.join(path.dirname(require.resolve('vite/package.json')), 'bin/vite.js'), ['build', '--logLevel', 'warn']);
// Compressed once here, served as they are to browsers that accept them (main/api/static-files.ts).
for (const f of files('dist/dashboard/assets').filter((f) => /\.(js|css)$/.test(f))) {
  const bytes = readFileSync(f);
  writeFileSync(`${f}.gz`, gzipSync(bytes, { level: 9 }));
  writeFileSync(`${f}.br`, brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }));
}
writeFileSync(STAMP, inputs);
