// RFC 3986 percent-encoding and -decoding as SigV4 canonicalisation needs it.
// Works on UTF-8 bytes so malformed input never throws and never loses bytes.

const UNRESERVED = /^[A-Za-z0-9\-._~]$/;
const HEX = '0123456789ABCDEF';

function isUnreservedByte(byte: number): boolean {
  return (
    (byte >= 0x41 && byte <= 0x5a) || // A-Z
    (byte >= 0x61 && byte <= 0x7a) || // a-z
    (byte >= 0x30 && byte <= 0x39) || // 0-9
    byte === 0x2d || byte === 0x2e || byte === 0x5f || byte === 0x7e // - . _ ~
  );
}

/** Percent-encode bytes: everything but unreserved characters, hex in upper case. */
export function uriEncodeBytes(bytes: Uint8Array, options: { keepSlash?: boolean } = {}): string {
  let out = '';
  for (const byte of bytes) {
    if (isUnreservedByte(byte) || (options.keepSlash === true && byte === 0x2f)) {
      out += String.fromCharCode(byte);
    } else {
      out += '%' + HEX[byte >> 4] + HEX[byte & 0x0f];
    }
  }
  return out;
}

/** Percent-encode a string's UTF-8 bytes (AWS `UriEncode`). */
export function uriEncode(value: string, options: { keepSlash?: boolean } = {}): string {
  // Fast path: most names and values are already plain.
  let plain = true;
  for (const ch of value) {
    if (!UNRESERVED.test(ch) && !(options.keepSlash === true && ch === '/')) {
      plain = false;
      break;
    }
  }
  return plain ? value : uriEncodeBytes(Buffer.from(value, 'utf8'), options);
}

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x41 && code <= 0x46) return code - 0x41 + 10;
  if (code >= 0x61 && code <= 0x66) return code - 0x61 + 10;
  return -1;
}

/**
 * Decode `%XX` escapes to bytes. A `%` not followed by two hex digits stays literal
 * (so it re-encodes as `%25`); `plusAsSpace` applies form-encoding's `+` rule.
 */
export function percentDecodeToBytes(value: string, options: { plusAsSpace?: boolean } = {}): Uint8Array {
  const source = Buffer.from(value, 'utf8');
  const out = Buffer.alloc(source.length);
  let length = 0;
  for (let i = 0; i < source.length; i++) {
    const byte = source[i] as number;
    if (byte === 0x25 && i + 2 < source.length) {
      const high = hexValue(source[i + 1] as number);
      const low = hexValue(source[i + 2] as number);
      if (high >= 0 && low >= 0) {
        out[length++] = (high << 4) | low;
        i += 2;
        continue;
      }
    }
    out[length++] = byte === 0x2b && options.plusAsSpace === true ? 0x20 : byte;
  }
  return out.subarray(0, length);
}

/** Decode `%XX` escapes to a string (invalid UTF-8 becomes U+FFFD). */
export function percentDecode(value: string, options: { plusAsSpace?: boolean } = {}): string {
  return Buffer.from(percentDecodeToBytes(value, options)).toString('utf8');
}
