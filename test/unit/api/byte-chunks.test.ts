// Large answers in pieces under glibc's mmap threshold: the bytes are exactly the text's, whatever it holds.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { chunksOf, gzipChunks, textChunks } from '../../../main/api/byte-chunks.js';

const THRESHOLD = 128 * 1024;

test('pieces join to the text\'s UTF-8, each under 128 KB, with no pair of surrogates cut', () => {
  const texts = [
    '',
    'a',
    'x'.repeat(300_000),
    'é'.repeat(200_000), // 2 bytes each
    '漢'.repeat(200_000), // 3 bytes each: the widest a piece can be
    '😀'.repeat(100_000), // surrogate pairs, so some cut lands inside one
    `${'a'.repeat(120 * 1024 - 1)}😀${'b'.repeat(10)}`, // a pair astride the first cut
    `${'a'.repeat(100_000)}${'漢'.repeat(100_000)}`, // a cut made again where the bytes outgrow the characters
  ];
  for (const text of texts) {
    const chunks = textChunks(text);
    assert.equal(Buffer.concat(chunks).toString(), text);
    assert.deepEqual(Buffer.concat(chunks), Buffer.from(text));
    for (const c of chunks) assert.ok(c.length < THRESHOLD, `a piece of ${c.length} bytes`);
    assert.equal(chunksOf(chunks).length, Buffer.byteLength(text));
  }
});

test('the gzipped pieces unzip to the same bytes, each under 128 KB', async () => {
  const text = JSON.stringify(Array.from({ length: 5000 }, (_, i) => ({ meetingId: String(81_000_000_000 + i), topic: `Room ${i} – “quoted”` })));
  const zipped = await gzipChunks(textChunks(text));
  assert.equal(gunzipSync(Buffer.concat(zipped.chunks)).toString(), text);
  assert.equal(zipped.length, Buffer.concat(zipped.chunks).length);
  for (const c of zipped.chunks) assert.ok(c.length < THRESHOLD);
});
