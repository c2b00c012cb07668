// Whole-file reads and writes of the store's files (a 10 000-session snapshot is ~5 MB, a long usage history
// more) done in pieces of 64 KB, never one buffer the size of the file: a block that large would pass glibc's
// mmap threshold, and freeing it raises the threshold for good (why that costs memory: main/api/byte-chunks.ts).
// A file is replaced whole the one safe way: a temp file, synced, renamed over it, the directory synced.
import type { promises as fs } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { FILE_MODE } from './data-dir.js';

const PIECE = 64 * 1024;

/** The file as text, or null when there is none. Reads as many bytes as its size says (a device in its
 * place reads as empty). */
export async function readIfExists(file: string): Promise<string | null> {
  let fh: fs.FileHandle;
  try {
    fh = await open(file, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  try {
    const { size } = await fh.stat();
    const buf = Buffer.allocUnsafe(Math.min(PIECE, Math.max(1, size)));
    const decoder = new StringDecoder('utf8');
    const parts: string[] = [];
    for (let off = 0; off < size; ) {
      const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, size - off), off);
      if (bytesRead === 0) break;
      parts.push(decoder.write(buf.subarray(0, bytesRead)));
      off += bytesRead;
    }
    parts.push(decoder.end());
    return parts.join('');
  } finally {
    await fh.close();
  }
}

/** Writes `head`, each item's JSON joined by commas, then `tail`, in pieces of about 64 KB of text. */
export function writeJoined(fh: fs.FileHandle, head: string, items: Iterable<unknown>, tail: string): Promise<void> {
  return writeTexts(fh, (function* () {
    yield head;
    let first = true;
    for (const item of items) {
      yield (first ? '' : ',') + JSON.stringify(item);
      first = false;
    }
    yield tail;
  })());
}

/** Writes each item's JSON on a line of its own (NDJSON), in pieces of about 64 KB of text. */
export function writeLines(fh: fs.FileHandle, items: Iterable<unknown>): Promise<void> {
  return writeTexts(fh, (function* () {
    for (const item of items) yield JSON.stringify(item) + '\n';
  })());
}

/** The texts one after another, gathered into pieces of about 64 KB of text. */
async function writeTexts(fh: fs.FileHandle, texts: Iterable<string>): Promise<void> {
  let piece = '';
  for (const text of texts) {
    piece += text;
    if (piece.length >= PIECE / 2) {
      await fh.writeFile(piece); // at the handle's position, all of it (it loops on short writes)
      piece = '';
    }
  }
  await fh.writeFile(piece);
}

/** Replaces `file` whole with what `write` writes: a kill at any point leaves the old file or the new one. */
export async function replaceFile(file: string, write: (fh: fs.FileHandle) => Promise<void>): Promise<void> {
  const tmp = `${file}.tmp`;
  const fh = await open(tmp, 'w', FILE_MODE);
  try {
    await write(fh);
    await fh.datasync();
  } finally {
    await fh.close();
  }
  await rename(tmp, file);
  await syncDir(path.dirname(file));
}

async function syncDir(dir: string): Promise<void> {
  // Makes the rename durable; not every platform lets a directory be opened (Windows), which is fine.
  const fh = await open(dir, 'r').catch(() => null);
  await fh?.sync().catch(() => undefined);
  await fh?.close();
}
