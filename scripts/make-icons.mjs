// Draws the app and tray icons (a ring with a "live" dot) as PNGs: node scripts/make-icons.mjs.
// Written once and committed; kept so the icons can be redrawn at other sizes.
import { writeFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';

function png(size, pixel) {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) raw.set(pixel(x + 0.5, y + 0.5, size), y * (size * 4 + 1) + 1 + x * 4);
  }
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** Coverage (0..1) of a ring and a centre dot at (x, y), antialiased by distance. */
function glyph(x, y, size) {
  const c = size / 2;
  const d = Math.hypot(x - c, y - c);
  const ring = Math.max(0, Math.min(1, 0.5 - Math.abs(d - size * 0.36) + size * 0.07));
  const dot = Math.max(0, Math.min(1, size * 0.16 - d + 0.5));
  return Math.max(ring, dot);
}

const tinted = (rgb) => (x, y, size) => [...rgb, Math.round(255 * glyph(x, y, size))];
const appIcon = (x, y, size) => {
  const c = size / 2;
  const inside = Math.max(0, Math.min(1, size * 0.47 - Math.hypot(x - c, y - c) + 0.5));
  // The mark at 62 % of the disc.
  const sx = (x - c) / 0.62 + c;
  const sy = (y - c) / 0.62 + c;
  const mark = glyph(sx, sy, size);
  // Blue disc, white mark.
  const r = Math.round(11 + (255 - 11) * mark);
  const gg = Math.round(92 + (255 - 92) * mark);
  const b = Math.round(255);
  return [r, gg, b, Math.round(255 * inside)];
};

writeFileSync('build/icon.png', png(512, appIcon));
writeFileSync('assets/icon.png', png(256, appIcon));
writeFileSync('assets/trayTemplate.png', png(16, tinted([0, 0, 0])));
writeFileSync('assets/trayTemplate@2x.png', png(32, tinted([0, 0, 0])));
writeFileSync('assets/tray-light.png', png(32, tinted([32, 33, 36])));
writeFileSync('assets/tray-dark.png', png(32, tinted([240, 242, 245])));
console.log('icons written: build/icon.png, assets/icon.png, assets/tray*.png');
