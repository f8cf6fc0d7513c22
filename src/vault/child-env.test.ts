import { describe, expect, it } from 'vitest';
import { childEnv } from './child-env.js';
import type { Resolution } from './credential-chain.js';

const resolution: Resolution = {
  profile: 'dev',
  region: 'eu-west-1',
  credentials: { accessKeyId: 'ASIAEXAMPLE000000001', secretAccessKey: 's', sessionToken: 't', expiration: new Date('2030-01-01T00:00:00Z') },
};
const base = { PATH: '/bin', AWS_PROFILE: 'other', AWS_ACCESS_KEY_ID: 'AKIAOLD', KEYWARD_VAULT_PASSPHRASE: 'hunter2', AWS_SECURITY_TOKEN: 'old' };

describe('childEnv', () => {
  it('replaces other credentials and never passes the vault passphrase on', () => {
    expect(childEnv(base, resolution)).toEqual({
      PATH: '/bin',
      KEYWARD_VAULT_PROFILE: 'dev',
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'ASIAEXAMPLE000000001',
      AWS_SECRET_ACCESS_KEY: 's',
      AWS_SESSION_TOKEN: 't',
      AWS_CREDENTIAL_EXPIRATION: '2030-01-01T00:00:00.000Z',
    });
  });

  it('in server mode gives the endpoint and token only, no keys', () => {
    const env = childEnv(base, { ...resolution, endpointUrl: 'http://127.0.0.1:1' }, { url: 'http://127.0.0.1:9/credentials', token: 'tok' });
    expect(env['AWS_CONTAINER_CREDENTIALS_FULL_URI']).toBe('http://127.0.0.1:9/credentials');
    expect(env['AWS_CONTAINER_AUTHORIZATION_TOKEN']).toBe('tok');
    expect(env['AWS_ENDPOINT_URL']).toBe('http://127.0.0.1:1');
    for (const gone of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'KEYWARD_VAULT_PASSPHRASE']) expect(env[gone]).toBeUndefined();
  });
});
