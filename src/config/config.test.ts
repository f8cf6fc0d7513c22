// Server configuration from flags and environment, including session-key rotation.

import { describe, expect, it } from 'vitest';
import { parseServeArgs } from './config.js';

describe('parseServeArgs', () => {
  it('reads flags and the environment with their defaults', () => {
    const config = parseServeArgs(['--port', '0', '--data', '/tmp/x'], { KEYWARD_ACCOUNT_ID: '111122223333' });
    expect(config).toMatchObject({ port: 0, host: '127.0.0.1', dataDir: '/tmp/x', accountId: '111122223333', logLevel: 'info' });
    expect('sessionKeys' in config).toBe(false);
  });

  it('reads the session key generations for rotation', () => {
    const config = parseServeArgs([], { KEYWARD_SESSION_KEY_GENERATION: '2', KEYWARD_SESSION_KEYS_ACCEPTED: '1, 3' });
    expect(config).toMatchObject({ sessionKeys: { current: 2, accepted: [1, 3] } });
  });

  it('refuses a bad account id, port or key generation', () => {
    expect(() => parseServeArgs([], { KEYWARD_ACCOUNT_ID: '123' })).toThrow(/12 digits/);
    expect(() => parseServeArgs(['--port', '70000'], {})).toThrow(/invalid port/);
    expect(() => parseServeArgs([], { KEYWARD_SESSION_KEY_GENERATION: 'two' })).toThrow(/KEYWARD_SESSION_KEY_GENERATION/);
  });
});
