// Large answers (10 000 sessions: ~7 MB of JSON) kept as pieces of under 128 KB rather than one block.
// Why: glibc's malloc gives a block above its mmap threshold (128 KB) its own mapping, and freeing one raises
// the threshold to that block's size for the rest of the process. From then on every buffer below it comes
// from the main heap, whose free space is seldom handed back. Measured on the service with 11 000 sessions:
// that heap's resident part 17.7 -> 9.2 MB once the pieces stay below the threshold, so it never moves.
import { createGzip } from 'node:zlib';

/** A piece's bytes at most, under the threshold with room to spare. JSON is mostly ASCII: a piece is cut at
 * PIECE characters, and cut again where its UTF-8 comes out longer. */
const PIECE = 120 * 1024;

export interface Chunks {
  chunks: Buffer[];
  /** Their bytes, for Content-Length. */
  length: number;
}

export function chunksOf(chunks: Buffer[]): Chunks {
  return { chunks, length: chunks.reduce((n, c) => n + c.length, 0) };
}

/** `text` as UTF-8, in pieces of at most 120 KB; a surrogate pair is never cut in two. */
export function textChunks(text: string): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at < text.length; ) {
    let chars = Math.min(PIECE, text.length - at);
    for (;;) {
      let end = at + chars;
      if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end--; // keep the pair together
      const piece = text.slice(at, end);
      const bytes = Buffer.byteLength(piece);
      if (bytes <= PIECE || chars <= 2) {
        out.push(Buffer.from(piece));
        at = end;
        break;
      }
      chars = Math.max(2, Math.floor((chars * PIECE) / bytes)); // wider characters: fewer of them
    }
  }
  return out;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/** The pieces gzipped, kept as zlib gives them (16 KB each): no one block for the whole. */
export function gzipChunks(chunks: Buffer[]): Promise<Chunks> {
  return new Promise((resolve, reject) => {
    const out: Buffer[] = [];
    const zip = createGzip({ level: 6 });
    zip.on('data', (d: Buffer) => out.push(d));
    zip.once('end', () => resolve(chunksOf(out)));
    zip.once('error', reject);
    for (const c of chunks) zip.write(c);
    zip.end();
  });
}
