import { describe, expect, it } from 'vitest';
import { webIdentityContextKeys } from './web-identity-context-keys.js';

const ARN = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';

describe('webIdentityContextKeys', () => {
  it('names sub, aud and amr after the provider URL and sets aws:FederatedProvider to its ARN', () => {
    const keys = webIdentityContextKeys(
      { claims: { sub: 'repo:o/r:ref:refs/heads/main', aud: ['x', 'sts.amazonaws.com'], amr: ['pwd'] }, subject: 'repo:o/r:ref:refs/heads/main', audience: 'sts.amazonaws.com' },
      { url: 'token.actions.githubusercontent.com', arn: ARN },
    );
    expect(keys).toEqual({
      'token.actions.githubusercontent.com:sub': 'repo:o/r:ref:refs/heads/main',
      'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
      'token.actions.githubusercontent.com:amr': ['pwd'],
      'aws:FederatedProvider': ARN,
    });
  });

  it('keeps a provider path in the prefix and makes a single amr a list', () => {
    const keys = webIdentityContextKeys(
      { claims: { amr: 'authenticated' }, subject: 's', audience: 'a' },
      { url: 'https://oidc.eks.eu-west-1.amazonaws.com/id/ABC' },
    );
    expect(keys['oidc.eks.eu-west-1.amazonaws.com/id/ABC:amr']).toEqual(['authenticated']);
    expect(keys['oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub']).toBe('s');
    expect(keys['aws:FederatedProvider']).toBe('oidc.eks.eu-west-1.amazonaws.com/id/ABC');
  });

  it('leaves amr out when the token has none', () => {
    const keys = webIdentityContextKeys({ claims: {}, subject: 's', audience: 'a' }, { url: 'issuer.example', arn: ARN });
    expect(Object.keys(keys).sort()).toEqual(['aws:FederatedProvider', 'issuer.example:aud', 'issuer.example:sub']);
  });

  it('gives Google azp as :aud and aud as :oaud for hybrid apps, aud for both otherwise', () => {
    const hybrid = webIdentityContextKeys(
      { claims: { aud: 'web-client', azp: 'android-client' }, subject: 'g', audience: 'web-client' },
      { url: 'accounts.google.com' },
    );
    expect(hybrid['accounts.google.com:aud']).toBe('android-client');
    expect(hybrid['accounts.google.com:oaud']).toBe('web-client');
    const plain = webIdentityContextKeys({ claims: { aud: 'web-client' }, subject: 'g', audience: 'web-client' }, { url: 'accounts.google.com' });
    expect(plain['accounts.google.com:aud']).toBe('web-client');
    expect(plain['accounts.google.com:oaud']).toBe('web-client');
  });
});
