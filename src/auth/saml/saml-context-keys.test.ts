import { describe, expect, it } from 'vitest';
import { samlContextKeys } from './saml-context-keys.js';
import { parseSamlProviderArn, samlDoc, samlNameQualifier } from './saml-name-qualifier.js';

const PROVIDER = 'arn:aws:iam::123456789012:saml-provider/MySAMLIdP';

describe('samlNameQualifier', () => {
  it('matches the example in the AssumeRoleWithSAML reference', () => {
    // BASE64 ( SHA1 ( "https://example.com/saml" + "123456789012" + "/MySAMLIdP" ) ), computed with openssl.
    const provider = parseSamlProviderArn(PROVIDER);
    expect(provider).toEqual({ accountId: '123456789012', name: 'MySAMLIdP' });
    if (provider === undefined) return;
    expect(samlNameQualifier('https://example.com/saml', provider)).toBe('1uAJanUnBc2XeUkHURMht+xam2c=');
    expect(samlDoc(provider)).toBe('123456789012/MySAMLIdP');
  });

  it('reads only SAML provider ARNs', () => {
    expect(parseSamlProviderArn('arn:aws:iam::123456789012:oidc-provider/x')).toBeUndefined();
    expect(parseSamlProviderArn('arn:aws-cn:iam::123456789012:saml-provider/x')).toEqual({ accountId: '123456789012', name: 'x' });
  });
});

describe('samlContextKeys', () => {
  const base = {
    audience: 'https://signin.aws.amazon.com/saml',
    issuer: 'https://example.com/saml',
    subject: '_abc',
    subjectType: 'persistent',
    nameQualifier: 'q',
    providerArn: PROVIDER,
  };

  it('sets aud (the Recipient), iss, sub, sub_type, namequalifier and doc', () => {
    expect(samlContextKeys({ ...base, attributes: new Map() })).toEqual({
      'saml:aud': 'https://signin.aws.amazon.com/saml',
      'saml:iss': 'https://example.com/saml',
      'saml:sub': '_abc',
      'saml:sub_type': 'persistent',
      'saml:namequalifier': 'q',
      'saml:doc': '123456789012/MySAMLIdP',
    });
  });

  it('maps documented attributes by Name: lists keep every value, strings the first', () => {
    const keys = samlContextKeys({
      ...base,
      attributes: new Map([
        ['urn:oid:1.3.6.1.4.1.5923.1.1.1.1', ['faculty', 'staff']],
        ['urn:oid:1.3.6.1.4.1.5923.1.1.1.6', ['alice@example.edu', 'second']],
        ['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress', ['alice@example.com']],
        ['0.9.2342.19200300100.1.3', ['ignored@example.com']],
        ['urn:oid:2.5.4.3', ['Alice']],
        ['https://aws.amazon.com/SAML/Attributes/RoleSessionName', ['alice']],
        ['eduPersonPrincipalName', ['by friendly name: not mapped']],
      ]),
    });
    expect(keys['saml:edupersonaffiliation']).toEqual(['faculty', 'staff']);
    expect(keys['saml:edupersonprincipalname']).toBe('alice@example.edu');
    // Two attributes map to saml:mail; the first one wins.
    expect(keys['saml:mail']).toBe('alice@example.com');
    expect(keys['saml:cn']).toEqual(['Alice']);
    expect(Object.keys(keys).filter((key) => !key.startsWith('saml:'))).toEqual([]);
    expect(Object.keys(keys)).toHaveLength(10);
  });
});
