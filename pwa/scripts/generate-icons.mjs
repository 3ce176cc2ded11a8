// Draws the app icons (an open book under a star on the theme colour) and writes them as PNG files
// into public/icons. Pure Node (zlib only), so the icons can be regenerated on any machine.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const OUT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'icons');
const THEME = [67, 56, 202];
const PAGE = [255, 255, 255];
const STAR = [250, 204, 21];
const SUPERSAMPLE = 4;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function insideRoundedSquare(x, y, radius) {
  const cx = Math.min(Math.max(x, radius), 1 - radius);
  const cy = Math.min(Math.max(y, radius), 1 - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

function insideStar(x, y, cx, cy, outer) {
  const inner = outer * 0.45;
  const angle = Math.atan2(y - cy, x - cx) + Math.PI / 2;
  const sector = (2 * Math.PI) / 5;
  const t = Math.abs((((angle % sector) + sector) % sector) / sector - 0.5) * 2; // 1 at tips, 0 between
  const limit = inner + (outer - inner) * t ** 2;
  return Math.hypot(x - cx, y - cy) <= limit;
}

function insideBook(x, y) {
  // Two pages meeting at a spine, the outer edges lifted a little.
  const top = 0.48 + Math.abs(x - 0.5) * -0.12;
  const bottom = 0.78 + Math.abs(x - 0.5) * -0.06;
  const gap = 0.02;
  return x > 0.2 && x < 0.8 && Math.abs(x - 0.5) > gap && y > top && y < bottom;
}

// `scale` shrinks the artwork towards the centre (maskable icons keep it in the safe zone).
function colourAt(x, y, { roundedCorners, scale }) {
  if (roundedCorners && !insideRoundedSquare(x, y, 0.22)) return null;
  const ax = 0.5 + (x - 0.5) / scale;
  const ay = 0.5 + (y - 0.5) / scale;
  if (insideStar(ax, ay, 0.5, 0.3, 0.13)) return STAR;
  if (insideBook(ax, ay)) return PAGE;
  return THEME;
}

function drawIcon(size, options) {
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const colour = colourAt((px + (sx + 0.5) / SUPERSAMPLE) / size, (py + (sy + 0.5) / SUPERSAMPLE) / size, options);
          if (colour) {
            sum[0] += colour[0];
            sum[1] += colour[1];
            sum[2] += colour[2];
            sum[3] += 255;
          }
        }
      }
      const samples = SUPERSAMPLE * SUPERSAMPLE;
      const covered = sum[3] / 255;
      const offset = (py * size + px) * 4;
      rgba[offset] = covered ? Math.round(sum[0] / covered) : 0;
      rgba[offset + 1] = covered ? Math.round(sum[1] / covered) : 0;
      rgba[offset + 2] = covered ? Math.round(sum[2] / covered) : 0;
      rgba[offset + 3] = Math.round(sum[3] / samples);
    }
  }
  return encodePng(size, rgba);
}

const ICONS = [
  { file: 'icon-192.png', size: 192, roundedCorners: true, scale: 1 },
  { file: 'icon-512.png', size: 512, roundedCorners: true, scale: 1 },
  { file: 'icon-maskable-512.png', size: 512, roundedCorners: false, scale: 0.8 },
  { file: 'apple-touch-icon-180.png', size: 180, roundedCorners: false, scale: 0.9 },
  { file: 'favicon-32.png', size: 32, roundedCorners: true, scale: 1 },
];

mkdirSync(OUT_DIR, { recursive: true });
for (const icon of ICONS) {
  writeFileSync(join(OUT_DIR, icon.file), drawIcon(icon.size, icon));
  console.log(`wrote public/icons/${icon.file}`);
}
