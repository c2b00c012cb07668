// `npm start` and `npm run serve` build first (scripts/build.mjs --quick): in a copy of the project, with its
// node_modules, nothing changed builds nothing and rewrites nothing; one changed input rebuilds its products
// alone, saying so; two starts at once from one checkout build once and both come up.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { appendFile, cp, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { PACKAGE_DIR } from '../../main/paths.js';

let dir: string;

const quickBuild = () => {
  const r = spawnSync(process.execPath, ['scripts/build.mjs', '--quick'], { cwd: dir, encoding: 'utf8', timeout: 240_000 });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.split('\n').filter(Boolean);
};

/** Every file under dist/ (but the stamps and lock) with its mtime. */
async function distTimes(): Promise<Map<string, number>> {
  const times = new Map<string, number>();
  const root = path.join(dir, 'dist');
  for (const f of await readdir(root, { recursive: true })) {
    if (f.startsWith('.stamps') || f.startsWith('.build.lock')) continue;
    const s = await stat(path.join(root, f));
    if (s.isFile()) times.set(f, s.mtimeMs);
  }
  return times;
}

const changed = (a: Map<string, number>, b: Map<string, number>) => [...b].filter(([f, t]) => a.get(f) !== t).map(([f]) => f);

before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'zs-build-'));
  for (const f of ['main', 'shared', 'renderer', 'test', 'bench', 'scripts', 'assets', 'package.json', 'package-lock.json', 'tsconfig.json', 'vite.config.ts']) {
    await cp(path.join(PACKAGE_DIR, f), path.join(dir, f), { recursive: true, filter: (src) => !src.includes(`${path.sep}generated`) });
  }
  await symlink(path.join(PACKAGE_DIR, 'node_modules'), path.join(dir, 'node_modules'));
  quickBuild(); // from nothing, as a fresh clone's first npm start
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('nothing changed: the quick build says nothing and rewrites no file', async () => {
  const before = await distTimes();
  assert.deepEqual(quickBuild(), []);
  assert.deepEqual(changed(before, await distTimes()), []);
  await new Promise((r) => setTimeout(r, 20));
  await appendFile(path.join(dir, 'renderer/src/format.ts'), ''); // touched, not changed
  assert.deepEqual(quickBuild(), [], 'a touched file with the same bytes builds nothing');
});

test('a dashboard source changed: the dashboard alone is rebuilt, said in one line with its time', async () => {
  const before = await distTimes();
  await appendFile(path.join(dir, 'renderer/src/format.ts'), '\n// changed\n');
  const said = quickBuild();
  assert.equal(said.length, 1, said.join('\n'));
  assert.match(said[0]!, /^zoom-sessions: building the dashboard… \d+\.\d s$/);
  const rewritten = changed(before, await distTimes());
  assert.ok(rewritten.includes('dashboard/index.html'));
  assert.deepEqual(rewritten.filter((f) => !f.startsWith('dashboard/')), [], 'nothing else rewritten');
});

test('a service source changed: that module alone is compiled, then the bundle, not the dashboard; the bundle swapped whole', async () => {
  const before = await distTimes();
  await appendFile(path.join(dir, 'main/config.ts'), '\n// changed\n');
  const said = quickBuild().map((l) => l.replace(/… \d+\.\d s$/, ''));
  assert.deepEqual(said, ['zoom-sessions: building the service', 'zoom-sessions: building the service bundle']);
  const rewritten = changed(before, await distTimes());
  assert.deepEqual(rewritten.filter((f) => f.startsWith('main/') || f.startsWith('shared/')), ['main/config.js'], 'one module compiled');
  assert.ok(rewritten.includes('bundle/service.cjs'));
  assert.deepEqual(rewritten.filter((f) => f.startsWith('dashboard/')), []);
  assert.deepEqual((await readdir(path.join(dir, 'dist'))).filter((f) => f.startsWith('.bundle-')), [], 'no half-built bundle left beside');
});

test('a syntax error in a changed module stops the start, said as tsc says it, and writes nothing of it', async () => {
  const file = path.join(dir, 'main/config.ts');
  const good = await readFile(file, 'utf8');
  const before = await distTimes();
  await writeFile(file, `${good}\nconst broken = ;\n`);
  const r = spawnSync(process.execPath, ['scripts/build.mjs', '--quick'], { cwd: dir, encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /main\/config\.ts.*TS1109.*Expression expected/s);
  assert.deepEqual(changed(before, await distTimes()), [], 'nothing written');
  await writeFile(file, good);
  quickBuild();
});

test('two `npm run serve` at once after a change: one builds, the other waits for it, both serve', async () => {
  await appendFile(path.join(dir, 'main/config.ts'), '\n// changed again\n');
  const start = (n: number) => {
    const child = spawn('npm', ['run', '--silent', 'serve', '--', '--port', '0', '--data-dir', path.join(dir, `data-${n}`)], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, HOME: dir }, detached: true });
    let out = '';
    const served = new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        if (/serving http:\/\/127\.0\.0\.1:\d+/.test(out)) resolve(out);
      });
      child.stderr.on('data', (c: Buffer) => (out += c.toString()));
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    return { child, served };
  };
  const a = start(1);
  const b = start(2);
  try {
    const [outA, outB] = await Promise.all([a.served, b.served]);
    const builds = [outA, outB].map((o) => (o.match(/building the service bundle/g) ?? []).length);
    assert.deepEqual(builds.sort(), [0, 1], 'the bundle was built once');
  } finally {
    // npm, its shell and the service: the whole process group (npm waits for a shell that passes no signal on).
    for (const { child } of [a, b]) {
      const exited = child.exitCode == null ? new Promise((r) => child.once('exit', r)) : null;
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // already gone
      }
      await exited;
    }
  }
});
