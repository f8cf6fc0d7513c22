import { describe, expect, it } from 'vitest';
import { parseIni } from './ini.js';
import { profileChain, profileFrom } from './profiles.js';
import { VaultError } from './vault-error.js';

const config = parseIni(`
[default]
region = eu-central-1

[profile base]
endpoint_url = http://127.0.0.1:4566
region = us-west-2

[profile admin]
source_profile = base
role_arn = arn:aws:iam::111122223333:role/admin
mfa_serial = arn:aws:iam::111122223333:mfa/alice
external_id = ext-1
duration_seconds = 1800
role_session_name = alice

[profile deeper]
source_profile = admin
role_arn = arn:aws:iam::111122223333:role/deeper

[profile loop-a]
source_profile = loop-b

[profile loop-b]
source_profile = loop-a

[profile bad]
duration_seconds = soon
`);

describe('profiles', () => {
  it('reads every setting the vault follows', () => {
    expect(profileFrom(config, 'admin')).toEqual({
      name: 'admin',
      sourceProfile: 'base',
      roleArn: 'arn:aws:iam::111122223333:role/admin',
      mfaSerial: 'arn:aws:iam::111122223333:mfa/alice',
      externalId: 'ext-1',
      durationSeconds: 1800,
      roleSessionName: 'alice',
    });
    expect(profileFrom(config, 'default')).toEqual({ name: 'default', region: 'eu-central-1' });
    expect(profileFrom(config, 'unknown')).toEqual({ name: 'unknown' });
  });

  it('follows source_profile to the profile holding the key', () => {
    expect(profileChain(config, 'deeper').map((p) => p.name)).toEqual(['base', 'admin', 'deeper']);
    expect(profileChain(config, 'base').map((p) => p.name)).toEqual(['base']);
  });

  it('refuses loops and malformed durations with a clear error', () => {
    expect(() => profileChain(config, 'loop-a')).toThrow(/source_profile loop/);
    expect(() => profileFrom(config, 'bad')).toThrow(VaultError);
    expect(() => profileFrom(config, 'bad')).toThrow(/duration_seconds 'soon'/);
  });
});
