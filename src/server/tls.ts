// The HTTPS listener's certificate and key: read from PEM files at start and again on reload
// (SIGHUP), each pair checked by building a secure context before it is used, so a reload that
// finds a bad or mismatched pair keeps serving the old one.

import { readFile } from 'node:fs/promises';
import { createSecureContext } from 'node:tls';

export interface TlsFiles {
  readonly certFile: string;
  readonly keyFile: string;
}

export interface TlsPair {
  readonly cert: Buffer;
  readonly key: Buffer;
}

/** Reads and checks the pair; the error names the file or the problem, never the key's content. */
export async function loadTlsPair(files: TlsFiles): Promise<TlsPair> {
  const read = async (file: string, what: string): Promise<Buffer> => {
    try {
      return await readFile(file);
    } catch (error) {
      throw new Error(`cannot read TLS ${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
    }
  };
  const cert = await read(files.certFile, 'certificate');
  const key = await read(files.keyFile, 'key');
  try {
    createSecureContext({ cert, key });
  } catch (error) {
    // OpenSSL's reason (e.g. "key values mismatch"), which quotes no key material.
    const reason = error instanceof Error ? error.message : 'invalid';
    throw new Error(`TLS certificate ${files.certFile} and key ${files.keyFile} are not a usable pair: ${reason}`);
  }
  return { cert, key };
}
