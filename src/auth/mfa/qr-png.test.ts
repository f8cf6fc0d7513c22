import { describe, it, expect } from 'vitest';
import { inflateSync } from 'node:zlib';
import { totpQrPng } from './qr-png.js';

const URI = 'otpauth://totp/Keyward:alice@123456789012?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Keyward';
const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

interface Chunk {
  readonly type: string;
  readonly data: Buffer;
  readonly crcOk: boolean;
}

function chunks(png: Buffer): Chunk[] {
  const out: Chunk[] = [];
  let offset = SIGNATURE.length;
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.subarray(offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    const crc = png.readUInt32BE(offset + 8 + length);
    out.push({ type: type.toString('latin1'), data, crcOk: crc32(Buffer.concat([type, data])) === crc });
    offset += 12 + length;
  }
  return out;
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k += 1) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

describe('totpQrPng', () => {
  it('is a well-formed PNG: signature, IHDR first, valid CRCs, IEND last', async () => {
    const png = await totpQrPng(URI);
    expect(png.subarray(0, 8).equals(SIGNATURE)).toBe(true);
    const list = chunks(png);
    expect(list[0]?.type).toBe('IHDR');
    expect(list.at(-1)?.type).toBe('IEND');
    expect(list.some((c) => c.type === 'IDAT')).toBe(true);
    expect(list.every((c) => c.crcOk)).toBe(true);
  });

  it('has a square image of plausible size for a QR code', async () => {
    const ihdr = chunks(await totpQrPng(URI))[0]?.data;
    expect(ihdr?.length).toBe(13);
    const width = ihdr?.readUInt32BE(0) ?? 0;
    const height = ihdr?.readUInt32BE(4) ?? 0;
    expect(width).toBe(height);
    // Version 1..40 is 21..177 modules, plus an 8-module margin, at 6 pixels a module.
    expect(width).toBeGreaterThanOrEqual((21 + 8) * 6);
    expect(width).toBeLessThanOrEqual((177 + 8) * 6);
    expect(width % 6).toBe(0);
    expect(ihdr?.[8]).toBe(8); // bit depth
  });

  it('carries one filter byte plus the pixel rows in its compressed data', async () => {
    const list = chunks(await totpQrPng(URI));
    const ihdr = list[0]?.data;
    const width = ihdr?.readUInt32BE(0) ?? 0;
    const bytesPerPixel = { 0: 1, 2: 3, 4: 2, 6: 4 }[ihdr?.[9] ?? -1] ?? 0;
    const raw = inflateSync(Buffer.concat(list.filter((c) => c.type === 'IDAT').map((c) => c.data)));
    expect(bytesPerPixel).toBeGreaterThan(0);
    expect(raw.length).toBe(width * (1 + width * bytesPerPixel));
  });

  it('draws the same URI the same way and different URIs differently', async () => {
    const [a, b, c] = await Promise.all([totpQrPng(URI), totpQrPng(URI), totpQrPng(`${URI}x`)]);
    expect(a.equals(b)).toBe(true);
    expect(a.equals(c)).toBe(false);
  });
});
