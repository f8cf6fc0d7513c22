// Server configuration from flags, environment and a config file: precedence, validation,
// unknown keys refused, and --print-config with secrets masked.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseServeArgs, type ServeCommand, type ServerConfig } from './config.js';

const dir = mkdtempSync(join(tmpdir(), 'keyward-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function config(command: ServeCommand): ServerConfig {
  if ('help' in command || 'print' in command) throw new Error('expected a configuration');
  return command;
}

describe('parseServeArgs', () => {
  it('reads flags and the environment with their defaults', () => {
    const c = config(parseServeArgs(['--port', '0', '--data', '/tmp/x'], { KEYWARD_ACCOUNT_ID: '111122223333' }));
    expect(c).toMatchObject({ port: 0, host: '127.0.0.1', dataDir: '/tmp/x', accountId: '111122223333', logLevel: 'info', logFormat: 'json', shutdownTimeoutMs: 10_000 });
    expect('sessionKeys' in c).toBe(false);
    expect('tls' in c).toBe(false);
    expect('metrics' in c).toBe(false);
  });

  it('reads the session key generations for rotation', () => {
    const c = config(parseServeArgs([], { KEYWARD_SESSION_KEY_GENERATION: '2', KEYWARD_SESSION_KEYS_ACCEPTED: '1, 3' }));
    expect(c).toMatchObject({ sessionKeys: { current: 2, accepted: [1, 3] } });
  });

  it('refuses a bad account id, port, key generation, log format or half a TLS pair', () => {
    expect(() => parseServeArgs([], { KEYWARD_ACCOUNT_ID: '123' })).toThrow(/12 digits/);
    expect(() => parseServeArgs(['--port', '70000'], {})).toThrow(/invalid port/);
    expect(() => parseServeArgs(['--metrics-port', 'x'], {})).toThrow(/invalid metrics port 'x'/);
    expect(() => parseServeArgs([], { KEYWARD_SESSION_KEY_GENERATION: 'two' })).toThrow(/KEYWARD_SESSION_KEY_GENERATION/);
    expect(() => parseServeArgs(['--log-format', 'xml'], {})).toThrow(/invalid log format 'xml'/);
    expect(() => parseServeArgs(['--tls-cert', 'a.pem'], {})).toThrow(/--tls-cert and --tls-key go together/);
    expect(() => parseServeArgs(['--shutdown-timeout=-1'], {})).toThrow(/invalid shutdown timeout/);
  });

  it('reads TLS, metrics, logging and shutdown settings from flags and the environment', () => {
    const c = config(
      parseServeArgs(['--tls-cert', '/etc/k/cert.pem', '--tls-key', '/etc/k/key.pem', '--metrics-port', '9464', '--log-format', 'pretty', '--shutdown-timeout', '2.5'], {
        KEYWARD_METRICS_HOST: '0.0.0.0',
        KEYWARD_LOG_LEVEL: 'debug',
      }),
    );
    expect(c).toMatchObject({
      tls: { certFile: '/etc/k/cert.pem', keyFile: '/etc/k/key.pem' },
      metrics: { port: 9464, host: '0.0.0.0' },
      logFormat: 'pretty',
      logLevel: 'debug',
      shutdownTimeoutMs: 2500,
    });
  });

  it('reads the root-use alert URL and its secret, and refuses plain HTTP beyond loopback', () => {
    const c = config(parseServeArgs(['--alert-root-use', 'https://hooks.example.com/root'], { KEYWARD_ALERT_SECRET: 's3cret' }));
    expect(c.alerts).toEqual({ rootUseUrl: 'https://hooks.example.com/root', rootUseSecret: 's3cret' });
    expect(config(parseServeArgs(['--alert-root-use', 'http://127.0.0.1:9000/x'], {})).alerts).toEqual({ rootUseUrl: 'http://127.0.0.1:9000/x' });
    expect('alerts' in config(parseServeArgs([], { KEYWARD_ALERT_SECRET: 'unused' }))).toBe(false);
    expect(() => parseServeArgs(['--alert-root-use', 'http://hooks.example.com/root'], {})).toThrow(/invalid alert URL/);
    expect(() => parseServeArgs(['--alert-root-use', 'not a url'], {})).toThrow(/invalid alert URL/);
  });
});

describe('--config FILE', () => {
  const toml = file(
    'keyward.toml',
    [
      'port = 4600',
      'host = "0.0.0.0"',
      'data = "state"',
      'log-level = "warn"',
      'trust-proxy = ["10.0.0.0/8", "loopback"]',
      'tls-cert = "tls/cert.pem"',
      'tls-key = "/abs/key.pem"',
      'metrics-port = 9464',
      'account-id = "111122223333"',
      'database-url = "postgres://keyward:hunter2@db.internal:5432/iam"',
      'root-secret-access-key = "very-secret-root-key"',
      'master-key = "bWFzdGVyLWtleQ=="',
    ].join('\n'),
  );

  it('holds every setting, relative paths taken from the file directory', () => {
    const c = config(parseServeArgs(['--config', toml], {}));
    expect(c).toMatchObject({
      port: 4600,
      host: '0.0.0.0',
      dataDir: join(dir, 'state'),
      logLevel: 'warn',
      trustProxy: ['10.0.0.0/8', 'loopback'],
      tls: { certFile: join(dir, 'tls/cert.pem'), keyFile: '/abs/key.pem' },
      metrics: { port: 9464, host: '127.0.0.1' },
      accountId: '111122223333',
      databaseUrl: 'postgres://keyward:hunter2@db.internal:5432/iam',
      rootSecretAccessKey: 'very-secret-root-key',
    });
  });

  it('is overridden by the environment, which flags override in turn', () => {
    const env = { KEYWARD_PORT: '4700', KEYWARD_LOG_LEVEL: 'error', KEYWARD_HOST: '' };
    const c = config(parseServeArgs(['--config', toml, '--port', '4800'], env));
    expect(c.port).toBe(4800);
    expect(c.logLevel).toBe('error');
    // An empty variable counts as unset: the file's value stands.
    expect(c.host).toBe('0.0.0.0');
    expect(config(parseServeArgs([], { KEYWARD_CONFIG: toml })).port).toBe(4600);
  });

  it('reads JSON too', () => {
    const json = file('keyward.json', JSON.stringify({ port: 4900, 'trust-proxy': '127.0.0.1', 'shutdown-timeout': 3 }));
    expect(config(parseServeArgs(['--config', json], {}))).toMatchObject({ port: 4900, trustProxy: ['127.0.0.1'], shutdownTimeoutMs: 3000 });
  });

  it('refuses unknown keys, wrong types and unreadable files, naming the key and the file', () => {
    const typo = file('typo.toml', 'port = 4566\nprot = 1\n');
    expect(() => parseServeArgs(['--config', typo], {})).toThrow(`config file ${typo}: unknown key 'prot'`);
    const nested = file('nested.toml', '[tls]\ncert = "x"\n');
    expect(() => parseServeArgs(['--config', nested], {})).toThrow(`config file ${nested}: unknown key 'tls'`);
    const wrongType = file('wrong.json', JSON.stringify({ host: 5 }));
    expect(() => parseServeArgs(['--config', wrongType], {})).toThrow(`config file ${wrongType}: 'host' must be a string`);
    const yaml = file('keyward.yaml', 'port: 1');
    expect(() => parseServeArgs(['--config', yaml], {})).toThrow(/must end in \.toml or \.json/);
    const broken = file('broken.toml', 'port = = 3');
    expect(() => parseServeArgs(['--config', broken], {})).toThrow(`config file ${broken}:`);
    expect(() => parseServeArgs(['--config', join(dir, 'missing.toml')], {})).toThrow(/cannot read config file .*missing\.toml: ENOENT/);
  });

  it('--print-config prints the effective configuration with secrets masked', () => {
    const command = parseServeArgs(['--config', toml, '--print-config', '--port', '4801'], { KEYWARD_ROOT_ACCESS_KEY_ID: 'AKIAEXAMPLEROOT00001' });
    if (!('print' in command)) throw new Error('expected the printed configuration');
    const printed = command.print;
    expect(printed).toContain('port = 4801');
    expect(printed).toContain(`tls-cert = "${join(dir, 'tls/cert.pem')}"`);
    expect(printed).toContain('root-access-key-id = "AKIAEXAMPLEROOT00001"');
    expect(printed).toContain('root-secret-access-key = "********"');
    expect(printed).toContain('master-key = "********"');
    expect(printed).toContain('database-url = "postgres://keyward:********@db.internal:5432/iam"');
    expect(printed).not.toContain('hunter2');
    expect(printed).not.toContain('very-secret-root-key');
    expect(printed).not.toContain('bWFzdGVyLWtleQ');
    // What it prints is itself a config file that gives the same settings.
    const again = file('printed.toml', printed.replace(/^(root-secret-access-key|master-key|database-url) = .*$/gm, ''));
    expect(config(parseServeArgs(['--config', again], {}))).toMatchObject({ port: 4801, host: '0.0.0.0', logLevel: 'warn', metrics: { port: 9464 } });
  });
});
