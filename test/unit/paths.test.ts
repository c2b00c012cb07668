// The memory flags the benchmarks measure with are the ones users run with: npm start and npm run serve
// spell them in package.json, the benchmarks read NODE_MEMORY_FLAGS.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { NODE_MEMORY_FLAGS, paths } from '../../main/paths.js';

test('npm start and npm run serve run node with NODE_MEMORY_FLAGS, no more and no fewer', () => {
  const { scripts } = JSON.parse(readFileSync(paths.packageJson, 'utf8')) as { scripts: Record<string, string> };
  for (const [name, entry] of [['start', 'dist/bundle/launch.js'], ['serve', 'dist/bundle/cli.cjs']] as const) {
    const run = scripts[name]!.split('&&').map((s) => s.trim()).find((s) => s.includes(entry));
    assert.ok(run, `${name} runs ${entry}`);
    const flags = run.split(/\s+/).slice(1, run.split(/\s+/).indexOf(entry));
    assert.deepEqual(flags, NODE_MEMORY_FLAGS, name);
  }
});
