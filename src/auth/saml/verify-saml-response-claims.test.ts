import { describe, expect, it } from 'vitest';
import {
  ACCOUNT,
  defaultAttributes,
  idpMetadata,
  PROVIDER_ARN,
  ROLE_ARN,
  signedResponse,
  type ResponseSpec,
} from './saml-test-idp.case.js';
import { verifySamlResponse, type VerifySamlResponseOptions } from './verify-saml-response.js';

const NOW = new Date('2030-01-01T00:00:00Z');
const ROLE = 'https://aws.amazon.com/SAML/Attributes/Role';
const SESSION = 'https://aws.amazon.com/SAML/Attributes/RoleSessionName';

function verify(overrides: Partial<ResponseSpec> = {}, options: Partial<VerifySamlResponseOptions> = {}) {
  return verifySamlResponse(signedResponse({ now: NOW, ...overrides }), {
    metadata: idpMetadata(),
    providerArn: PROVIDER_ARN,
    now: NOW,
    ...options,
  });
}

function withAttributes(extra: Record<string, string[]>, drop: string[] = []): Partial<ResponseSpec> {
  const attributes: Record<string, string[]> = { ...defaultAttributes(), ...extra };
  for (const name of drop) delete attributes[name];
  return { attributes };
}

describe('verifySamlResponse: what a valid response yields', () => {
  it('returns the subject, its type, issuer, recipient, roles and session attributes', () => {
    const result = verify(
      withAttributes({
        'https://aws.amazon.com/SAML/Attributes/SessionDuration': ['1800'],
        'https://aws.amazon.com/SAML/Attributes/SourceIdentity': ['alice'],
        'https://aws.amazon.com/SAML/Attributes/PrincipalTag:Project': ['Marketing'],
        'https://aws.amazon.com/SAML/Attributes/PrincipalTag:CostCenter': ['12345'],
        'https://aws.amazon.com/SAML/Attributes/TransitiveTagKeys': ['Project'],
      }),
    );
    expect(result).toMatchObject({
      ok: true,
      issuer: 'https://idp.example.com/saml/metadata',
      subject: '_u1234',
      subjectType: 'persistent',
      audience: 'https://signin.aws.amazon.com/saml',
      providerArn: PROVIDER_ARN,
      roles: [{ roleArn: ROLE_ARN, principalArn: PROVIDER_ARN }],
      sessionName: 'alice@example.com',
      sessionDuration: 1800,
      sourceIdentity: 'alice',
      tags: [
        { key: 'Project', value: 'Marketing' },
        { key: 'CostCenter', value: '12345' },
      ],
      transitiveTagKeys: ['Project'],
    });
  });

  it('computes NameQualifier as BASE64(SHA1(issuer + account + "/" + provider name))', () => {
    // echo -n "https://idp.example.com/saml/metadata123456789012/ExampleIdP" | openssl sha1 -binary | base64
    expect(verify()).toMatchObject({ nameQualifier: 'i4/UfjLH7CqKysFtBngtbhj5+tc=' });
  });

  it('keeps a NameID Format that is not SAML 2.0 in full, and assumes unspecified without one', () => {
    const email = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress';
    expect(verify({ nameIdFormat: email })).toMatchObject({ subjectType: email });
    expect(verify({ nameIdFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient' })).toMatchObject({ subjectType: 'transient' });
    expect(verify({ nameIdFormat: null })).toMatchObject({ subjectType: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified' });
  });
});

describe('verifySamlResponse: time window', () => {
  it('refuses an expired response with AWS message', () => {
    expect(verify({ issuedAt: -200, notOnOrAfter: -61, subjectNotOnOrAfter: 300 })).toMatchObject({
      ok: false,
      code: 'ExpiredTokenException',
      message: 'Response has expired',
    });
    expect(verify({ subjectNotOnOrAfter: -61 })).toMatchObject({ code: 'ExpiredTokenException', message: 'Response has expired' });
  });

  it('allows a minute of clock skew on the window edges', () => {
    expect(verify({ notOnOrAfter: -30, subjectNotOnOrAfter: -30 })).toMatchObject({ ok: true });
    expect(verify({ notBefore: 30 })).toMatchObject({ ok: true });
    expect(verify({ notBefore: 120 })).toMatchObject({ ok: false, message: 'Response is not yet valid' });
  });

  it('refuses a response issued more than five minutes ago even if its window is open', () => {
    expect(verify({ issuedAt: -301, notBefore: -301, notOnOrAfter: 3600, subjectNotOnOrAfter: 3600 })).toMatchObject({
      ok: false,
      code: 'ExpiredTokenException',
      message: 'Token must be redeemed within 5 minutes of issuance',
    });
    expect(verify({ issuedAt: -299, notBefore: -299 })).toMatchObject({ ok: true });
  });
});

describe('verifySamlResponse: audience and recipient', () => {
  const audience = { ok: false, code: 'InvalidIdentityToken', message: 'Response does not contain the required audience.' };

  it('accepts either audience AWS documents', () => {
    expect(verify({ audiences: ['urn:amazon:webservices'] })).toMatchObject({ ok: true });
    expect(verify({ audiences: ['https://other.example', 'https://signin.aws.amazon.com/saml'] })).toMatchObject({ ok: true });
  });

  it('refuses another audience or none', () => {
    expect(verify({ audiences: ['https://other.example'] })).toMatchObject(audience);
    expect(verify({ audiences: null })).toMatchObject(audience);
  });

  it('uses the configured audience and recipient when given', () => {
    const own = { expectedAudience: 'https://keyward.example/saml', expectedRecipient: 'https://keyward.example/saml' };
    const spec = { audiences: ['https://keyward.example/saml'], recipient: 'https://keyward.example/saml' };
    expect(verify(spec, own)).toMatchObject({ ok: true, audience: 'https://keyward.example/saml' });
    expect(verify({}, own)).toMatchObject({ ok: false, code: 'InvalidIdentityToken' });
  });

  it('accepts AWS regional and static sign-in endpoints as recipient, nothing else', () => {
    expect(verify({ recipient: 'https://eu-west-1.signin.aws.amazon.com/saml' })).toMatchObject({ ok: true });
    expect(verify({ recipient: 'https://signin.aws.amazon.com/static/saml' })).toMatchObject({ ok: true });
    const refused = { ok: false, message: 'Response does not contain the required recipient.' };
    expect(verify({ recipient: 'https://signin.aws.amazon.com.evil.example/saml' })).toMatchObject(refused);
    expect(verify({ recipient: null })).toMatchObject(refused);
  });
});

describe('verifySamlResponse: subject, roles and session attributes', () => {
  const denied = { ok: false, code: 'AccessDenied', message: 'Not authorized to perform sts:AssumeRoleWithSAML' };

  it('refuses a response without NameID', () => {
    expect(verify({ nameId: null })).toMatchObject({ ...denied, reason: 'no Subject NameID' });
  });

  it('refuses a response without the Role attribute', () => {
    expect(verify(withAttributes({}, [ROLE]))).toMatchObject({ ...denied, reason: 'no Role attribute' });
  });

  it('refuses roles that name another provider, and keeps only this provider roles', () => {
    const other = `arn:aws:iam::${ACCOUNT}:saml-provider/OtherIdP`;
    expect(verify(withAttributes({ [ROLE]: [`${ROLE_ARN},${other}`] }))).toMatchObject(denied);
    const mixed = verify(withAttributes({ [ROLE]: [`arn:aws:iam::${ACCOUNT}:role/Admin,${other}`, `${PROVIDER_ARN},${ROLE_ARN}`] }));
    expect(mixed).toMatchObject({ ok: true, roles: [{ roleArn: ROLE_ARN, principalArn: PROVIDER_ARN }] });
  });

  it('requires a RoleSessionName of 2 to 64 allowed characters', () => {
    expect(verify(withAttributes({}, [SESSION]))).toMatchObject({
      code: 'InvalidIdentityToken',
      message: 'RoleSessionName is required in AuthnResponse',
    });
    for (const name of ['a', 'John Doe', 'x'.repeat(65)]) {
      expect(verify(withAttributes({ [SESSION]: [name] }))).toMatchObject({
        message: 'RoleSessionName in AuthnResponse must match [a-zA-Z_0-9+=,.@-]{2,64}',
      });
    }
  });

  it('refuses a SourceIdentity that starts with aws: or has other characters', () => {
    for (const value of ['aws:admin', 'has space']) {
      expect(verify(withAttributes({ 'https://aws.amazon.com/SAML/Attributes/SourceIdentity': [value] }))).toMatchObject({
        message: 'Source Identity must match [a-zA-Z_0-9+=,.@-]{2,64} and not begin with "aws:"',
      });
    }
  });

  it('refuses a SessionDuration outside 900 to 43200 seconds', () => {
    for (const value of ['899', '43201', '1h', '']) {
      expect(verify(withAttributes({ 'https://aws.amazon.com/SAML/Attributes/SessionDuration': [value] }))).toMatchObject({
        ok: false,
        code: 'InvalidIdentityToken',
      });
    }
  });
});
