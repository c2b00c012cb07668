// dist/bundle/cli.cjs, the `zoom-sessions` command: runs the bundled CLI (service.cjs beside it) with V8's
// code cache, so a start does not parse and compile ~1 MB of JavaScript again: it compiles with the cache
// written by earlier starts, and writes it again once this one has run, with what this start compiled added
// (a --demo start compiles the simulator; V8 refuses a cache made under other node flags or by another Node).
// Node 22.1+ has module.enableCompileCache(), which does the same for every module; measured against this on
// Node 24.22 (median of 7 interleaved starts, bare node:http 149 ms): first answer 262 ms with it, 250 ms with
// this (a start after a build: 299 vs 294 ms); likely because this one is written 2 s in, with the functions
// the start has run compiled. So this stays.
// Copied there by scripts/build.mjs.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

const file = path.join(__dirname, 'service.cjs');
// Named for the bundle it is made from (its size and mtime): V8 itself checks only a source's length, and a
// build swaps a new bundle in beside running instances, which write their cache after it (scripts/build.mjs
// removes the caches of other bundles).
const { size, mtimeMs } = fs.statSync(file);
const cacheFile = `${file}.${size}-${Math.trunc(mtimeMs)}.v8cache`;
let cachedData;
try {
  cachedData = fs.readFileSync(cacheFile);
} catch {
  // None yet: this start writes it.
}
const source = fs.readFileSync(file, 'utf8').replace(/^#!.*/, '');
const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
const bundle = new Module(file, module);
bundle.filename = file;
// In require's cache as require would put it: the chunks loaded later (doctor, mongo) require it back, and
// must get this instance (its classes, its state), not run the CLI a second time.
require.cache[file] = bundle;
script.runInThisContext().call(bundle.exports, bundle.exports, Module.createRequire(file), bundle, file, __dirname);
bundle.loaded = true;

// Once the start has run (the functions it compiled are in it); never holds the process open.
setTimeout(() => {
  const temp = `${cacheFile}.${process.pid}`;
  try {
    fs.writeFileSync(temp, script.createCachedData());
    fs.renameSync(temp, cacheFile);
  } catch {
    // A read-only install: every start compiles, as without the cache.
    fs.rmSync(temp, { force: true });
  }
}, 2000).unref();
