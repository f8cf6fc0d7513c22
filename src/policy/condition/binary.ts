// BinaryEquals: the policy holds base64 of the bytes, and so does the request
// context (keys are strings). Comparison is byte for byte, so two spellings of
// the same bytes (with or without padding) are equal.

import { INVALID, MATCH, NO_MATCH, INCOMPARABLE, quote, type BadValue, type CompiledOperand, type Outcome } from './operand.js';

const NO_BYTES = new Uint8Array(0);

/** Value of one base64 character (standard alphabet), -1 if it is not one. */
function sextet(c: number): number {
  if (c >= 65 && c <= 90) return c - 65;
  if (c >= 97 && c <= 122) return c - 71;
  if (c >= 48 && c <= 57) return c + 4;
  if (c === 43) return 62;
  if (c === 47) return 63;
  return -1;
}

/** Length of the data part (padding removed) or -1 when `s` is not well-formed base64. */
function dataLength(s: string): number {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 61) end--;
  const padding = s.length - end;
  if (padding > 2 || (padding > 0 && s.length % 4 !== 0) || end % 4 === 1) return -1;
  return end;
}

/** Decodes base64 to bytes; undefined when malformed. */
export function decodeBase64(s: string): Uint8Array | undefined {
  const end = dataLength(s);
  if (end < 0) return undefined;
  const out = new Uint8Array(Math.floor((end * 6) / 8));
  let acc = 0;
  let bits = 0;
  let n = 0;
  for (let i = 0; i < end; i++) {
    const v = sextet(s.charCodeAt(i));
    if (v < 0) return undefined;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

/** 1 when base64 `s` decodes to `bytes`, 0 when it decodes to other bytes, -1 when malformed; allocation-free. */
export function compareBase64(s: string, bytes: Uint8Array): number {
  const end = dataLength(s);
  if (end < 0) return -1;
  let equal = Math.floor((end * 6) / 8) === bytes.length;
  let acc = 0;
  let bits = 0;
  let n = 0;
  for (let i = 0; i < end; i++) {
    const v = sextet(s.charCodeAt(i));
    if (v < 0) return -1;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      if (equal && bytes[n] !== ((acc >> bits) & 0xff)) equal = false;
      n++;
    }
  }
  return equal ? 1 : 0;
}

export function compileBinaryEquals(values: readonly string[]): CompiledOperand {
  const decoded: Uint8Array[] = [];
  const badValues: BadValue[] = [];
  values.forEach((value, index) => {
    const bytes = decodeBase64(value);
    if (bytes === undefined) badValues.push({ index, message: `${quote(value)} is not base64` });
    else decoded.push(bytes);
  });
  const miss: Outcome = badValues.length > 0 ? INCOMPARABLE : NO_MATCH;
  return {
    expects: 'base64',
    badValues,
    test(value: string): Outcome {
      let hit = false;
      for (let i = 0; i < decoded.length; i++) {
        const r = compareBase64(value, decoded[i] as Uint8Array);
        if (r < 0) return INVALID;
        if (r === 1) hit = true;
      }
      if (decoded.length === 0 && compareBase64(value, NO_BYTES) < 0) return INVALID;
      return hit ? MATCH : miss;
    },
  };
}
