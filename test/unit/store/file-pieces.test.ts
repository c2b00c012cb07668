// The store's whole-file reads and writes in 64 KB pieces: the same text as one read or one JSON.stringify.
import assert from 'node:assert/strict';
import { mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { readIfExists, replaceFile, writeJoined, writeLines } from '../../../main/store/file-pieces.js';

test('a file read in pieces is its text, with characters astride the pieces\' edges whole', async (t) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'zs-pieces-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'f.json');
  // 3- and 4-byte characters from offset 1, so that every 64 KB edge falls inside one of them.
  const text = `x${'漢😀'.repeat(60_000)}`;
  await writeFile(file, text);
  assert.equal(await readIfExists(file), text);
  await writeFile(file, '');
  assert.equal(await readIfExists(file), '');
  assert.equal(await readIfExists(path.join(dir, 'none.json')), null);
});

test('items written joined are JSON.stringify of the whole', async (t) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'zs-pieces-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  for (const count of [0, 1, 5000]) {
    const sessions = Array.from({ length: count }, (_, i) => ({ meetingId: String(81_000_000_000 + i), topic: `Raum ${i} “ä”` }));
    const file = path.join(dir, `s${count}.json`);
    const fh = await open(file, 'w');
    await writeJoined(fh, '{"version":1,"sessions":[', sessions, '],"tokens":[]}');
    await fh.close();
    assert.equal(await readFile(file, 'utf8'), JSON.stringify({ version: 1, sessions, tokens: [] }));
  }
});

test('lines written in pieces are one JSON per line, and a replaced file is the new one whole', async (t) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'zs-pieces-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'h.ndjson');
  await writeFile(file, 'old\n');
  const items = Array.from({ length: 3000 }, (_, i) => ({ uuid: `u${i}==`, topic: `Raum ${i} “ä” 😀` }));
  await replaceFile(file, (fh) => writeLines(fh, items));
  assert.equal(await readFile(file, 'utf8'), items.map((i) => JSON.stringify(i) + '\n').join(''));
  await replaceFile(file, (fh) => writeLines(fh, []));
  assert.equal(await readFile(file, 'utf8'), '');
});
