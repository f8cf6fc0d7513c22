// Serving the built UI (dist/console-ui, made by scripts/build-console.ts): index.html for every
// client-side route with a fresh CSP nonce, and the hashed assets with immutable caching. The
// bundle is found from the package root, so it works from src/ (tsx, vitest) and from dist/.

import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyReply } from 'fastify';

/** The directory holding package.json above this module. */
export function packageRoot(from: string = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('no package.json above the console server');
    dir = up;
  }
}

export function uiDirectory(): string {
  return join(packageRoot(), 'dist', 'console-ui');
}

const NONCE_MARK = /__CSP_NONCE__/g;

export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers every console answer carries (pages and API alike). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

const TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export class ConsoleUi {
  readonly #dir: string;
  #template: string | undefined;

  constructor(dir: string = uiDirectory()) {
    this.#dir = dir;
  }

  async #index(): Promise<string | undefined> {
    if (this.#template !== undefined) return this.#template;
    try {
      this.#template = await readFile(join(this.#dir, 'index.html'), 'utf8');
      return this.#template;
    } catch {
      return undefined;
    }
  }

  /** index.html with a fresh nonce, or a plain 503 when the console is not built. */
  async page(reply: FastifyReply): Promise<void> {
    const template = await this.#index();
    if (template === undefined) {
      await reply
        .code(503)
        .headers({ ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' })
        .send('The console is not built: run npm run build\n');
      return;
    }
    const nonce = randomBytes(16).toString('base64');
    await reply
      .code(200)
      .headers({
        ...SECURITY_HEADERS,
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'content-security-policy': contentSecurityPolicy(nonce),
      })
      .send(template.replace(NONCE_MARK, nonce));
  }

  /** A file of dist/console-ui/assets; 404 for anything else, including any way out of it. */
  async asset(name: string, reply: FastifyReply): Promise<void> {
    const base = resolve(this.#dir, 'assets');
    const file = resolve(base, name);
    const dot = name.lastIndexOf('.');
    const type = dot < 0 ? undefined : TYPES[name.slice(dot)];
    let body: Buffer | undefined;
    if (type !== undefined && file.startsWith(base + sep) && !name.includes('\0')) {
      try {
        body = await readFile(file);
      } catch {
        body = undefined;
      }
    }
    if (body === undefined || type === undefined) {
      await reply.code(404).headers({ ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' }).send('Not found\n');
      return;
    }
    await reply
      .code(200)
      .headers({ ...SECURITY_HEADERS, 'content-type': type, 'cache-control': 'public, max-age=31536000, immutable' })
      .send(body);
  }
}
