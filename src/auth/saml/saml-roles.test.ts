import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseRoleAttributeValue, rolesForProvider } from './saml-roles.js';

const account = fc.stringMatching(/^\d{12}$/);
const roleArn = fc
  .tuple(account, fc.stringMatching(/^[\w+=,.@-]{1,20}$/), fc.constantFrom('', 'team/', 'a/b/'))
  .map(([acct, name, path]) => `arn:aws:iam::${acct}:role/${path}${name}`);
const providerArn = fc.tuple(account, fc.stringMatching(/^[\w.-]{1,20}$/)).map(([acct, name]) => `arn:aws:iam::${acct}:saml-provider/${name}`);

describe('parseRoleAttributeValue', () => {
  it('reads role,provider and provider,role alike, with spaces around the comma', () => {
    fc.assert(
      fc.property(roleArn, providerArn, fc.constantFrom('', ' ', '  '), (role, provider, space) => {
        const expected = { roleArn: role, principalArn: provider };
        expect(parseRoleAttributeValue(`${role},${space}${provider}`)).toEqual(expected);
        expect(parseRoleAttributeValue(`${space}${provider}${space},${role}`)).toEqual(expected);
      }),
    );
  });

  it('refuses values that are not one role and one provider', () => {
    fc.assert(
      fc.property(roleArn, providerArn, (role, provider) => {
        expect(parseRoleAttributeValue(role)).toBeUndefined();
        expect(parseRoleAttributeValue(`${role},${role}`)).toBeUndefined();
        expect(parseRoleAttributeValue(`${provider},${provider}`)).toBeUndefined();
        expect(parseRoleAttributeValue(`${role};${provider}`)).toBeUndefined();
      }),
    );
  });

  it('keeps a comma that belongs to a role name', () => {
    expect(parseRoleAttributeValue('arn:aws:iam::123456789012:role/a,b,arn:aws:iam::123456789012:saml-provider/idp')).toEqual({
      roleArn: 'arn:aws:iam::123456789012:role/a,b',
      principalArn: 'arn:aws:iam::123456789012:saml-provider/idp',
    });
  });
});

describe('rolesForProvider', () => {
  it('keeps pairs for the provider once each, in order', () => {
    const p = 'arn:aws:iam::123456789012:saml-provider/idp';
    const q = 'arn:aws:iam::123456789012:saml-provider/other';
    const r1 = 'arn:aws:iam::123456789012:role/one';
    const r2 = 'arn:aws:iam::123456789012:role/two';
    expect(rolesForProvider([`${r2},${p}`, `${r1},${q}`, 'junk', `${p},${r1}`, `${r2},${p}`], p)).toEqual([
      { roleArn: r2, principalArn: p },
      { roleArn: r1, principalArn: p },
    ]);
  });
});
