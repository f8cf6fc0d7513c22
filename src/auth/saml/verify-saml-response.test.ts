import { describe, expect, it } from 'vitest';
import {
  ASSERTION_XPATH,
  assertionXml,
  fromBase64,
  IDP_CERT,
  idpMetadata,
  OTHER_CERT,
  OTHER_KEY,
  PROVIDER_ARN,
  RESPONSE_XPATH,
  responseXml,
  RSA_SHA1,
  signedResponse,
  signXml,
  toBase64,
  type ResponseSpec,
} from './saml-test-idp.case.js';
import { verifySamlResponse, type VerifySamlResponseOptions } from './verify-saml-response.js';

const NOW = new Date('2030-01-01T00:00:00Z');
const spec: ResponseSpec = { now: NOW };

function options(overrides: Partial<VerifySamlResponseOptions> = {}): VerifySamlResponseOptions {
  return { metadata: idpMetadata(), providerArn: PROVIDER_ARN, now: NOW, ...overrides };
}

const SIGNATURE_INVALID = { ok: false, code: 'InvalidIdentityToken', message: 'Response signature invalid' };

describe('verifySamlResponse: signatures', () => {
  it('accepts a response whose assertion the IdP signed', () => {
    expect(verifySamlResponse(signedResponse(spec), options())).toMatchObject({
      ok: true,
      subject: '_u1234',
      sessionName: 'alice@example.com',
    });
  });

  it('accepts a response signed as a whole, and RSA-SHA1 signatures', () => {
    expect(verifySamlResponse(signedResponse(spec, { signResponse: true }), options())).toMatchObject({ ok: true });
    expect(verifySamlResponse(signedResponse(spec, { algorithm: RSA_SHA1 }), options())).toMatchObject({ ok: true });
  });

  it('accepts metadata given as the stored XML or parsed, and a second signing certificate', () => {
    const rotated = idpMetadata({ certificates: [OTHER_CERT, IDP_CERT] });
    expect(verifySamlResponse(signedResponse(spec), options({ metadata: rotated }))).toMatchObject({ ok: true });
  });

  it('refuses an unsigned response', () => {
    expect(verifySamlResponse(toBase64(responseXml(spec)), options())).toMatchObject(SIGNATURE_INVALID);
  });

  it('refuses an attribute changed after signing', () => {
    const tampered = fromBase64(signedResponse(spec)).replace('alice@example.com', 'mallory@example.com');
    expect(verifySamlResponse(toBase64(tampered), options())).toMatchObject(SIGNATURE_INVALID);
  });

  it('refuses a signature by another key, even with that key certificate in KeyInfo', () => {
    const forged = signedResponse(spec, { key: OTHER_KEY, cert: OTHER_CERT });
    expect(fromBase64(forged)).toContain('<ds:X509Certificate>');
    expect(verifySamlResponse(forged, options())).toMatchObject(SIGNATURE_INVALID);
  });

  it('reads values from the signed form: a comment inside NameID cannot truncate it', () => {
    const xml = signXml(responseXml({ ...spec, nameIdXml: 'admin@example.com<!-- -->.evil.com' }), ASSERTION_XPATH);
    expect(verifySamlResponse(toBase64(xml), options())).toMatchObject({ ok: true, subject: 'admin@example.com.evil.com' });
  });
});

describe('verifySamlResponse: signature wrapping', () => {
  const signed = fromBase64(signedResponse(spec));
  const signedAssertion = signed.slice(signed.indexOf('<saml:Assertion'), signed.indexOf('</saml:Assertion>') + '</saml:Assertion>'.length);
  const evil = assertionXml({ ...spec, assertionId: '_evil', nameId: 'root', attributes: { 'https://aws.amazon.com/SAML/Attributes/Role': ['arn:aws:iam::123456789012:role/Admin,' + PROVIDER_ARN], 'https://aws.amazon.com/SAML/Attributes/RoleSessionName': ['mallory'] } });

  function wrapped(body: string): string {
    return toBase64(signed.replace(signedAssertion, body));
  }

  it('refuses a second, unsigned assertion next to the signed one', () => {
    for (const body of [evil + signedAssertion, signedAssertion + evil]) {
      const result = verifySamlResponse(wrapped(body), options());
      expect(result.ok).toBe(false);
      expect(result).not.toHaveProperty('subject');
    }
  });

  it('refuses an unsigned assertion when the signed one is hidden in Extensions', () => {
    const body = `<samlp:Extensions>${signedAssertion}</samlp:Extensions>${evil}`;
    expect(verifySamlResponse(wrapped(body), options())).toMatchObject(SIGNATURE_INVALID);
  });

  it('refuses an assertion that copies the signed ID and signature', () => {
    const signature = signedAssertion.slice(signedAssertion.indexOf('<ds:Signature'), signedAssertion.indexOf('</ds:Signature>') + 15);
    const impostor = evil
      .replace('ID="_evil"', 'ID="_assertion1"')
      .replace(/(<saml:Issuer>[^<]*<\/saml:Issuer>)/, `$1${signature}`);
    // The original stays in the document (same ID twice), or is removed (digest mismatch).
    expect(verifySamlResponse(wrapped(`<samlp:Extensions>${signedAssertion}</samlp:Extensions>${impostor}`), options())).toMatchObject(SIGNATURE_INVALID);
    expect(verifySamlResponse(wrapped(impostor), options())).toMatchObject(SIGNATURE_INVALID);
  });

  it('refuses a signature that references another element than the one it sits in', () => {
    const responseSigned = signXml(responseXml(spec), RESPONSE_XPATH);
    const signature = responseSigned.slice(responseSigned.indexOf('<ds:Signature'), responseSigned.indexOf('</ds:Signature>') + 15);
    const moved = responseSigned
      .replace(signature, '')
      .replace(/(<saml:Assertion[^>]*><saml:Issuer>[^<]*<\/saml:Issuer>)/, `$1${signature}`);
    expect(verifySamlResponse(toBase64(moved), options())).toMatchObject({
      ...SIGNATURE_INVALID,
      reason: 'the signature does not reference the element it is in',
    });
  });

  it('refuses an assertion added to a response signed as a whole', () => {
    const whole = fromBase64(signedResponse(spec, { signResponse: true }));
    const result = verifySamlResponse(toBase64(whole.replace('</samlp:Response>', `${evil}</samlp:Response>`)), options());
    expect(result.ok).toBe(false);
  });
});

describe('verifySamlResponse: documents that are not SAML responses', () => {
  it.each([
    ['not base64', '%%%'],
    ['not XML', toBase64('hello')],
    ['an Assertion on its own', toBase64(assertionXml(spec))],
    ['a DOCTYPE', toBase64(`<!DOCTYPE r [<!ENTITY x "y">]>${responseXml(spec).replace('<?xml version="1.0" encoding="UTF-8"?>', '')}`)],
  ])('refuses %s', (_, input) => {
    expect(verifySamlResponse(input, options())).toMatchObject({ ok: false, code: 'InvalidIdentityToken', message: 'Invalid SAML response' });
  });

  it('refuses an encrypted assertion, which Keyward cannot decrypt', () => {
    const xml = responseXml(spec, ['<saml:EncryptedAssertion><x/></saml:EncryptedAssertion>']);
    expect(verifySamlResponse(toBase64(xml), options())).toMatchObject({
      code: 'InvalidIdentityToken',
      message: 'Encrypted SAML assertions are not supported',
    });
  });

  it('answers IDPRejectedClaim when the IdP reports a failed authentication', () => {
    const xml = responseXml({ ...spec, status: 'urn:oasis:names:tc:SAML:2.0:status:Responder' }, []);
    expect(verifySamlResponse(toBase64(xml), options())).toMatchObject({ ok: false, code: 'IDPRejectedClaim' });
  });

  it('refuses a response from another issuer than the provider metadata names', () => {
    const result = verifySamlResponse(signedResponse({ ...spec, issuer: 'https://other-idp.example.com' }), options());
    expect(result).toEqual({
      ok: false,
      code: 'InvalidIdentityToken',
      message: 'Issuer not present in specified provider',
      reason: 'the Assertion Issuer is not the entityID of the metadata',
    });
  });

  it('refuses when the provider metadata has expired or cannot be read', () => {
    const expired = idpMetadata({ validUntil: '2029-12-31T00:00:00Z' });
    expect(verifySamlResponse(signedResponse(spec), options({ metadata: expired }))).toMatchObject({
      ok: false,
      message: 'The SAML provider metadata has expired',
    });
    expect(verifySamlResponse(signedResponse(spec), options({ metadata: '<nope/>' }))).toMatchObject(SIGNATURE_INVALID);
  });
});
