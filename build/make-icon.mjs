// Draws build/icon.png (512x512): the same open door as renderer/public/favicon.svg, a light door
// frame on a soft teal tile. Plain Node (no image tools needed), so the icon can be redrawn anywhere:
//   node build/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
const UNIT = SIZE / 32; // the favicon's 32-unit grid
const SAMPLES = 4; // 4x4 samples per pixel for smooth edges

const TILE = [0x1f, 0x5f, 0x5b];
const DOOR = [0xf6, 0xf3, 0xee];

/** Signed distance to a rounded square tile of side 32 with corner radius 7 (negative inside). */
function tileDistance(x, y) {
  const r = 7;
  const qx = Math.abs(x - 16) - (16 - r);
  const qy = Math.abs(y - 16) - (16 - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

function segmentDistance(x, y, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

/** Distance to a quarter arc: centre (cx, cy), radius r, in the quadrant given by sx, sy (-1 or 1). */
function quarterArcDistance(x, y, cx, cy, r, sx, sy) {
  const px = x - cx;
  const py = y - cy;
  if (px * sx >= 0 && py * sy >= 0) return Math.abs(Math.hypot(px, py) - r);
  return Math.min(Math.hypot(px - sx * r, py), Math.hypot(px, py - sy * r));
}

/** The door frame of the favicon path "M10 27V7.5A1.5 1.5 0 0 1 11.5 6h9A1.5 1.5 0 0 1 22 7.5V27", stroke 2.5, round caps. */
function doorFrameDistance(x, y) {
  return Math.min(
    segmentDistance(x, y, 10, 27, 10, 7.5),
    quarterArcDistance(x, y, 11.5, 7.5, 1.5, -1, -1),
    segmentDistance(x, y, 11.5, 6, 20.5, 6),
    quarterArcDistance(x, y, 20.5, 7.5, 1.5, 1, -1),
    segmentDistance(x, y, 22, 7.5, 22, 27),
  ) - 1.25;
}

const knobDistance = (x, y) => Math.hypot(x - 18.5, y - 17) - 1.6;

function pixel(px, py) {
  let tile = 0;
  let door = 0;
  for (let sy = 0; sy < SAMPLES; sy++) {
    for (let sx = 0; sx < SAMPLES; sx++) {
      const x = (px + (sx + 0.5) / SAMPLES) / UNIT;
      const y = (py + (sy + 0.5) / SAMPLES) / UNIT;
      if (tileDistance(x, y) > 0) continue;
      tile++;
      if (doorFrameDistance(x, y) <= 0 || knobDistance(x, y) <= 0) door++;
    }
  }
  const n = SAMPLES * SAMPLES;
  if (tile === 0) return [0, 0, 0, 0];
  const mix = door / tile;
  const rgb = TILE.map((c, i) => Math.round(c * (1 - mix) + DOOR[i] * mix));
  return [...rgb, Math.round((255 * tile) / n)];
}

function crc32(buf) {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

const rows = Buffer.alloc(SIZE * (1 + SIZE * 4));
for (let y = 0; y < SIZE; y++) {
  const rowStart = y * (1 + SIZE * 4);
  rows[rowStart] = 0; // filter: none
  for (let x = 0; x < SIZE; x++) Buffer.from(pixel(x, y)).copy(rows, rowStart + 1 + x * 4);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(rows, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);

const out = join(dirname(fileURLToPath(import.meta.url)), 'icon.png');
writeFileSync(out, png);
process.stdout.write(`wrote ${out} (${SIZE}x${SIZE}, ${png.length} bytes)\n`);
