import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleUi, packageRoot } from './static-ui.js';

let dir: string;
let app: FastifyInstance;

function serve(ui: ConsoleUi): FastifyInstance {
  const f = Fastify();
  f.get('/console/*', (_req, reply) => ui.page(reply));
  f.get('/console/assets/*', (req, reply) => ui.asset((req.params as { '*': string })['*'], reply));
  return f;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'keyward-ui-'));
  await mkdir(join(dir, 'assets'), { recursive: true });
  await writeFile(join(dir, 'index.html'), '<meta name="csp-nonce" content="__CSP_NONCE__"><script src="/console/assets/app-abc.js"></script>');
  await writeFile(join(dir, 'assets', 'app-abc.js'), 'console.log(1)');
  await writeFile(join(dir, 'secret.txt'), 'not an asset');
  app = serve(new ConsoleUi(dir));
});
afterAll(async () => {
  await app.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the console UI files', () => {
  it('serves index.html with a fresh nonce in the page and in the CSP on every response', async () => {
    const a = await app.inject({ url: '/console/users/alice' });
    const b = await app.inject({ url: '/console/users/alice' });
    const nonceOf = (body: string): string => /content="([^"]+)"/.exec(body)![1]!;
    expect(a.statusCode).toBe(200);
    expect(a.body).not.toContain('__CSP_NONCE__');
    expect(nonceOf(a.body)).not.toBe(nonceOf(b.body));
    expect(a.headers['content-security-policy']).toBe(
      `default-src 'self'; script-src 'self'; style-src 'self' 'nonce-${nonceOf(a.body)}'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`,
    );
    expect(a.headers).toMatchObject({ 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'x-frame-options': 'DENY' });
  });

  it('serves assets immutable, and nothing outside the assets directory', async () => {
    const js = await app.inject({ url: '/console/assets/app-abc.js' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(js.headers['content-type']).toMatch(/^text\/javascript/);
    // A literal `..` is resolved by the URL itself: the page, never the file.
    for (const url of ['/console/assets/../secret.txt', '/console/assets/%2e%2e/secret.txt']) {
      const dotted = await app.inject({ url });
      expect(dotted.body).not.toContain('not an asset');
      expect(dotted.headers['content-type']).toMatch(/^text\/html/);
    }
    for (const url of [ '/console/assets/..%2fsecret.txt', '/console/assets/..%2findex.html', '/console/assets/missing.js']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.body).not.toContain('not an asset');
    }
  });

  it('answers a plain 503 when the console is not built', async () => {
    const missing = serve(new ConsoleUi(join(dir, 'nowhere')));
    const res = await missing.inject({ url: '/console/' });
    expect(res.statusCode).toBe(503);
    expect(res.body).toBe('The console is not built: run npm run build\n');
    await missing.close();
  });

  it('finds the package root from a module inside it', () => {
    expect(packageRoot(join(packageRoot(), 'src', 'console', 'server', 'static-ui.ts'))).toBe(packageRoot());
  });
});
