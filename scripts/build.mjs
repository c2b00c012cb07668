// The build: its products, each from its own inputs, into dist/.
//   node scripts/build.mjs           clean build (npm run build, npm test): everything from nothing, type-checked
//   node scripts/build.mjs --quick   npm start and npm run serve: only the products whose inputs changed, each
//                                    said in one line with its time, and of the modules only those that changed,
//                                    compiled alone (type checks are npm test's); nothing changed, nothing done
// Each product keeps a stamp (a hash of every input's path and bytes) in dist/.stamps/. A quick build takes a
// lock, so two starts from one checkout build once; the bundle is swapped in file by file with renames, so a
// running or starting instance never reads a half-written one, and its code cache stays while it is unchanged.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const quick = process.argv.includes('--quick');
const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');

// Tools are loaded only when something is built: with nothing to do, a quick build is over in ~0.1 s.
function run(file, args) {
  const r = require('node:child_process').spawnSync(process.execPath, [file, ...args], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const files = (dir) =>
  existsSync(dir)
    ? readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => path.join(e.parentPath, e.name))
        .sort()
    : [];
/** What every product is also made with. */
const SHARED_INPUTS = ['package-lock.json', 'scripts/build.mjs'];

const inputFiles = (inputs) => [...inputs, ...SHARED_INPUTS].flatMap((i) => (existsSync(i) && statSync(i).isDirectory() ? files(i) : [i]));
const digest = (parts) => parts.reduce((h, p) => h.update(p).update('\0'), createHash('sha256')).digest('hex');
/** A file's path, size and mtime, asked once however many products read it (forgotten after each build). */
const statKeys = new Map();
function statKey(f) {
  let key = statKeys.get(f);
  if (key === undefined) {
    const s = statSync(f);
    statKeys.set(f, (key = `${f} ${s.size} ${s.mtimeMs}`));
  }
  return key;
}
/** A product's stamp, as git's index does it: each input's path, size and mtime first (no file read); its
 * contents only when those moved, so a touched but unchanged file builds nothing. */
function stampOf(p) {
  const list = inputFiles(p.inputs);
  const byStat = digest(list.map(statKey));
  return { byStat, byContent: () => digest(list.flatMap((f) => [f, readFileSync(f)])) };
}
const stampFile = (p) => path.join('dist/.stamps', p.name);
const saved = (p) => (existsSync(stampFile(p)) ? JSON.parse(readFileSync(stampFile(p), 'utf8')) : null);
const save = (p, stamp) => (mkdirSync('dist/.stamps', { recursive: true }), writeFileSync(stampFile(p), JSON.stringify(stamp)));

/** Whether `p` is built from its inputs as they are: its stamp is theirs and its outputs are there. */
function upToDate(p) {
  const last = saved(p);
  if (!last || !p.outputs.every((o) => existsSync(o))) return false;
  const now = stampOf(p);
  if (now.byStat === last.byStat) return true;
  if (now.byContent() !== last.byContent) return false;
  save(p, { byStat: now.byStat, byContent: last.byContent });
  return true;
}

/** Builds `p` unless it is up to date; in a quick build, says so in one line with its time. */
async function build(p) {
  if (upToDate(p)) return;
  const stamp = stampOf(p); // of the inputs as they were before the work: a change during it builds again
  const content = stamp.byContent();
  const started = performance.now();
  if (quick) process.stdout.write(`zoom-sessions: building ${p.label}…`);
  await p.work();
  statKeys.clear();
  save(p, { byStat: stamp.byStat, byContent: content });
  if (quick) process.stdout.write(` ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}

/** The code cache's name for the bundle now in place, as scripts/code-cached-entry.cjs makes it. */
function codeCacheName() {
  const s = statSync('dist/bundle/service.cjs');
  return `service.cjs.${s.size}-${Math.trunc(s.mtimeMs)}`;
}

// The headless service in one file: Node spent ~0.5 s opening, stat-ing and compiling ~1 500 modules (typebox
// alone is 709) before the first answer. Bundled from tsc's output, which the tests import module by module.
// MongoDB's driver stays outside (loaded only with MONGODB_URI, with its optional native parts); so does
// Electron, whose shell runs compiled, not bundled. The CLI is CommonJS, run through V8's code cache by
// cli.cjs (scripts/code-cached-entry.cjs: it measured faster than Node's own module.enableCompileCache);
// `npm start`'s launcher stays a module and loads it by path.
async function bundle() {
  const { build: rolldown } = await import('rolldown');
  const next = `dist/.bundle-${process.pid}`;
  rmSync(next, { recursive: true, force: true });
  const common = { platform: 'node', external: [/^mongodb(\/|$)/, /^electron(\/|$)/], logLevel: 'warn' };
  // Minified (half the bytes to read and parse); names kept for stack traces, and maps beside for
  // `NODE_OPTIONS=--enable-source-maps`.
  const output = { dir: next, minify: true, keepNames: true, sourcemap: true, charset: 'ascii' };
  await rolldown({ ...common, input: { service: 'dist/main/cli.js' }, output: { ...output, format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: '[name]-[hash].cjs' } });
  await rolldown({ ...common, input: { launch: 'dist/main/app/launch.js' }, output: { ...output, format: 'esm', chunkFileNames: '[name]-[hash].js' } });
  writeFileSync(path.join(next, 'cli.cjs'), readFileSync('scripts/code-cached-entry.cjs'));
  // Into place by renames, the entries last: what a start reads is always a whole file of one build. Chunks
  // are named by their content, so an instance still running keeps finding its own.
  mkdirSync('dist/bundle', { recursive: true });
  const entries = ['service.cjs', 'launch.js', 'cli.cjs'];
  const made = readdirSync(next).sort((a, b) => Number(entries.includes(a)) - Number(entries.includes(b)));
  for (const f of made) renameSync(path.join(next, f), path.join('dist/bundle', f));
  rmSync(next, { recursive: true, force: true });
  // A code cache is named for the bundle it was made from (cli.cjs); those of other bundles go.
  for (const f of readdirSync('dist/bundle').filter((f) => f.endsWith('.v8cache') && !f.startsWith(`${codeCacheName()}.`))) rmSync(path.join('dist/bundle', f), { force: true });
}

function dashboard() {
  if (!quick) run(tsc, ['-p', 'renderer/tsconfig.json']); // type checks: as for the modules, not in a quick build
  run(path.join(path.dirname(require.resolve('vite/package.json')), 'bin/vite.js'), ['build', '--logLevel', 'warn']);
  // Compressed once here, served as they are to browsers that accept them (main/api/static-files.ts).
  const { brotliCompressSync, constants, gzipSync } = require('node:zlib');
  for (const f of files('dist/dashboard/assets').filter((f) => /\.(js|css)$/.test(f))) {
    const bytes = readFileSync(f);
    writeFileSync(`${f}.gz`, gzipSync(bytes, { level: 9 }));
    writeFileSync(`${f}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
  }
}

/** The service's and the shell's TypeScript sources (not the tests'), and where each compiles to. */
const moduleSources = () => ['main', 'shared'].flatMap(files).filter((f) => /\.c?ts$/.test(f) && !f.endsWith('.d.ts'));
const compiledPath = (f) => path.join('dist', f.replace(/\.cts$/, '.cjs').replace(/\.ts$/, '.js'));
const MANIFEST = 'dist/.stamps/modules.json';
/** Each module's stat key and content hash as last compiled, so a quick build knows which changed. */
function writeManifest(manifest) {
  mkdirSync(path.dirname(MANIFEST), { recursive: true });
  writeFileSync(MANIFEST, JSON.stringify(manifest));
}
const contentHash = (bytes) => createHash('sha256').update(bytes).digest('hex');

/** A clean build's compile: tsc, type-checked, for the service with the tests and benchmarks, then the
 * Electron shell against electron's types (a devDependency, like TypeScript: where one is, so is the other);
 * then every module recorded as compiled, which quick builds start from. */
function compileAll() {
  run(tsc, ['-p', 'tsconfig.json']);
  run(tsc, ['-p', 'main/app/electron/tsconfig.json']);
  writeManifest(Object.fromEntries(moduleSources().map((f) => [f, { stat: statKey(f), hash: contentHash(readFileSync(f)) }])));
}

/** A quick build's compile: only the modules that changed, each alone (TypeScript's transpileModule, type
 * checks left to npm test and npm run build; its output is tsc's, byte for byte, for all of main/ and shared/
 * as measured), written beside and renamed into place. One changed file: ~1 s instead of tsc's ~9 s. */
function compileChanged() {
  const ts = require('typescript');
  const { options } = ts.parseJsonConfigFileContent(ts.readConfigFile('tsconfig.json', ts.sys.readFile).config, ts.sys, '.');
  const manifest = existsSync(MANIFEST) ? JSON.parse(readFileSync(MANIFEST, 'utf8')) : {};
  for (const f of moduleSources()) {
    const out = compiledPath(f);
    const known = manifest[f];
    if (known?.stat === statKey(f) && existsSync(out)) continue;
    const bytes = readFileSync(f);
    const hash = contentHash(bytes);
    if (known?.hash !== hash || !existsSync(out)) {
      // What tsc decides from package.json's "type": .ts is an ES module here, .cts CommonJS.
      const cjs = f.endsWith('.cts');
      const compilerOptions = { ...options, sourceMap: false, module: cjs ? ts.ModuleKind.CommonJS : ts.ModuleKind.ESNext, moduleResolution: cjs ? ts.ModuleResolutionKind.Node10 : ts.ModuleResolutionKind.Bundler };
      const { outputText, diagnostics = [] } = ts.transpileModule(bytes.toString(), { fileName: f, reportDiagnostics: true, compilerOptions });
      if (diagnostics.length > 0) {
        // Syntax errors: said as tsc says them, and nothing of this module written (the start stops here).
        const host = { getCanonicalFileName: (n) => n, getCurrentDirectory: () => process.cwd(), getNewLine: () => '\n' };
        process.stdout.write('\n');
        process.stderr.write(ts.formatDiagnosticsWithColorAndContext(diagnostics, host));
        process.exit(1);
      }
      mkdirSync(path.dirname(out), { recursive: true });
      writeFileSync(`${out}.${process.pid}`, outputText);
      renameSync(`${out}.${process.pid}`, out);
      rmSync(`${out}.map`, { force: true }); // tsc's map would name other lines
    }
    manifest[f] = { stat: statKey(f), hash };
  }
  writeManifest(manifest);
}

/** In build order: each product's inputs (files and folders) and the outputs it must leave. */
const PRODUCTS = [
  // The dashboard's payload checks (renderer/src/generated), before TypeScript reads them.
  { name: 'sse-checks', label: "the dashboard's payload checks", inputs: ['shared/api-schema.ts', 'scripts/sse-checks.mjs'], outputs: ['renderer/src/generated/sse-checks.ts'], work: () => run('scripts/sse-checks.mjs', []) },
  {
    name: 'modules',
    label: 'the service',
    inputs: ['main', 'shared', 'tsconfig.json'],
    outputs: ['dist/main/cli.js', 'dist/main/app/launch.js', 'dist/main/app/electron/main.js', 'dist/main/app/electron/preload.cjs'],
    work: quick ? compileChanged : compileAll,
  },
  { name: 'bundle', label: 'the service bundle', inputs: ['dist/main', 'dist/shared', 'scripts/code-cached-entry.cjs'], outputs: ['dist/bundle/service.cjs', 'dist/bundle/launch.js', 'dist/bundle/cli.cjs'], work: bundle },
  // The dashboard: its own sources, what it imports from shared/, and its build settings.
  { name: 'dashboard', label: 'the dashboard', inputs: ['renderer', 'shared', 'vite.config.ts'], outputs: ['dist/dashboard/index.html'], work: dashboard },
];

mkdirSync('dist', { recursive: true });
if (quick) {
  if (PRODUCTS.every(upToDate)) process.exit(0); // nothing to do: no lock, no tools loaded
  // One build at a time per checkout: a second start waits, then finds everything built.
  const release = await require('proper-lockfile').lock('dist', { lockfilePath: 'dist/.build.lock', stale: 60_000, retries: { retries: 1_200, minTimeout: 100, maxTimeout: 100 } });
  statKeys.clear(); // another start may have built while this one waited
  for (const p of PRODUCTS) await build(p);
  await release();
} else {
  for (const entry of readdirSync('dist')) rmSync(path.join('dist', entry), { recursive: true, force: true });
  for (const p of PRODUCTS) await build(p);
}
