#!/usr/bin/env node
/**
 * Writes the add-in's catalogue icon (icon-16/32/64/80.png: a teal rounded square with a white
 * check mark) and one icon per ribbon button (color-, validate-, summary-, minutes-16/32/80.png)
 * beside this file, drawn with 4×4 supersampling and encoded as PNG with zlib, so no image tool
 * or network is needed. Run it again only to change them:
 * `node addin/assets/makeIcons.js`. The PNGs are committed.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const TEAL = [0x0f, 0x76, 0x6e];
const WHITE = [0xff, 0xff, 0xff];

/** CRC-32 as PNG chunks need it. */
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Distance from point p to the segment a–b (unit square coordinates). */
function segmentDistance(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Inside the rounded square that every icon is drawn on (x, y in 0..1). */
function inRoundedSquare(x, y) {
  const radius = 0.18;
  const cx = Math.min(Math.max(x, radius), 1 - radius);
  const cy = Math.min(Math.max(y, radius), 1 - radius);
  return Math.hypot(x - cx, y - cy) <= radius;
}

const inBox = (x, y, left, top, right, bottom) => x >= left && x <= right && y >= top && y <= bottom;

/**
 * One drawing per icon: each returns the colour at a sample point, or null outside the shape.
 * The shapes differ in colour and glyph so the buttons can be told apart at 16 px.
 */
const DRAWINGS = {
  // the add-in and its pane: teal with a check mark
  icon(x, y) {
    if (!inRoundedSquare(x, y)) return null;
    const check = Math.min(
      segmentDistance(x, y, 0.24, 0.52, 0.42, 0.70),
      segmentDistance(x, y, 0.42, 0.70, 0.76, 0.32),
    );
    return check < 0.075 ? WHITE : TEAL;
  },
  // colour: the register's state colours as three bands (done, due soon, overdue)
  color(x, y) {
    if (!inRoundedSquare(x, y)) return null;
    if (y < 1 / 3) return [0x2e, 0x7d, 0x32];
    if (y < 2 / 3) return [0xf9, 0xa8, 0x25];
    return [0xc6, 0x28, 0x28];
  },
  // validate: a magnifying glass on blue
  validate(x, y) {
    if (!inRoundedSquare(x, y)) return null;
    const ring = Math.abs(Math.hypot(x - 0.44, y - 0.42) - 0.2);
    const handle = segmentDistance(x, y, 0.59, 0.57, 0.78, 0.76);
    return ring < 0.06 || handle < 0.07 ? WHITE : [0x15, 0x65, 0xc0];
  },
  // summary: a bar chart on indigo
  summary(x, y) {
    if (!inRoundedSquare(x, y)) return null;
    const bar = inBox(x, y, 0.22, 0.52, 0.36, 0.80) || inBox(x, y, 0.43, 0.30, 0.57, 0.80) || inBox(x, y, 0.64, 0.42, 0.78, 0.80);
    return bar ? WHITE : [0x4a, 0x14, 0x8c];
  },
  // add minutes: a page with a plus on brown
  minutes(x, y) {
    if (!inRoundedSquare(x, y)) return null;
    const plus = (Math.abs(x - 0.5) < 0.07 && Math.abs(y - 0.56) < 0.2) || (Math.abs(y - 0.56) < 0.07 && Math.abs(x - 0.5) < 0.2);
    if (plus) return [0x6d, 0x4c, 0x41];
    return inBox(x, y, 0.24, 0.18, 0.76, 0.84) ? WHITE : [0x6d, 0x4c, 0x41];
  },
};

function icon(sample, size) {
  const SS = 4;
  const rows = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4); // filter byte 0, then RGBA
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const colour = sample((px + (sx + 0.5) / SS) / size, (py + (sy + 0.5) / SS) / size);
          if (!colour) continue;
          r += colour[0]; g += colour[1]; b += colour[2]; a += 1;
        }
      }
      const o = 1 + px * 4;
      if (a > 0) {
        row[o] = Math.round(r / a); row[o + 1] = Math.round(g / a); row[o + 2] = Math.round(b / a);
        row[o + 3] = Math.round((255 * a) / (SS * SS));
      }
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

for (const [name, sample] of Object.entries(DRAWINGS)) {
  // 16/32/80 for ribbon buttons; 64 for the add-in's own high-resolution icon
  const sizes = name === 'icon' ? [16, 32, 64, 80] : [16, 32, 80];
  for (const size of sizes) fs.writeFileSync(path.join(__dirname, `${name}-${size}.png`), icon(sample, size));
}
