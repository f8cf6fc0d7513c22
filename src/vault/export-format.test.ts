import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { Resolution } from './credential-chain.js';
import { formatCredentials } from './export-format.js';
import { parseIni } from './ini.js';

const resolution: Resolution = {
  profile: 'dev',
  region: 'eu-west-1',
  endpointUrl: 'http://127.0.0.1:4566',
  credentials: { accessKeyId: 'ASIAEXAMPLE000000001', secretAccessKey: "se'cr et/+=", sessionToken: 'tok$en', expiration: new Date('2030-01-01T00:00:00Z') },
};

describe('formatCredentials', () => {
  it('json is the credential_process format', () => {
    expect(JSON.parse(formatCredentials(resolution, 'json'))).toEqual({
      Version: 1,
      AccessKeyId: 'ASIAEXAMPLE000000001',
      SecretAccessKey: "se'cr et/+=",
      SessionToken: 'tok$en',
      Expiration: '2030-01-01T00:00:00.000Z',
    });
  });

  it('env lines survive a real shell unchanged', () => {
    const text = formatCredentials(resolution, 'env');
    const out = execFileSync('/bin/sh', ['-c', `${text.split('\n').map((l) => `export ${l}`).join('; ')}; printf '%s|%s|%s' "$AWS_SECRET_ACCESS_KEY" "$AWS_SESSION_TOKEN" "$AWS_ENDPOINT_URL"`], { encoding: 'utf8' });
    expect(out).toBe("se'cr et/+=|tok$en|http://127.0.0.1:4566");
  });

  it('ini reads back as a credentials-file profile', () => {
    const section = parseIni(formatCredentials(resolution, 'ini')).get('dev');
    expect(Object.fromEntries(section ?? [])).toEqual({
      aws_access_key_id: 'ASIAEXAMPLE000000001',
      aws_secret_access_key: "se'cr et/+=",
      aws_session_token: 'tok$en',
      region: 'eu-west-1',
    });
  });
});
