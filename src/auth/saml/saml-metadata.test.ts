import { describe, expect, it } from 'vitest';
import { X509Certificate } from 'node:crypto';
import { parseSamlMetadata } from './saml-metadata.js';
import { ENTITY_ID, IDP_CERT, idpMetadata, OTHER_CERT, WEAK_CERT } from './saml-test-idp.case.js';

function failureReason(xml: string): string {
  const result = parseSamlMetadata(xml);
  if (result.ok) throw new Error('expected the metadata to be refused');
  expect(result).toMatchObject({ code: 'InvalidInput', message: 'Could not parse metadata.' });
  return result.reason;
}

describe('parseSamlMetadata', () => {
  it('reads entityID and the signing certificates as PEM', () => {
    const result = parseSamlMetadata(idpMetadata({ certificates: [IDP_CERT, OTHER_CERT] }));
    expect(result).toMatchObject({ ok: true, entityId: ENTITY_ID });
    if (!result.ok) return;
    expect(result.signingCertificates).toHaveLength(2);
    expect(new X509Certificate(result.signingCertificates[0] ?? '').fingerprint256).toBe(new X509Certificate(IDP_CERT).fingerprint256);
    expect(result.validUntil).toBeUndefined();
  });

  it('reads validUntil, takes keys without a use, skips encryption keys and duplicates', () => {
    const result = parseSamlMetadata(idpMetadata({ validUntil: '2031-02-03T04:05:06Z', use: null, certificates: [IDP_CERT, IDP_CERT] }));
    expect(result).toMatchObject({ ok: true, validUntil: new Date('2031-02-03T04:05:06Z') });
    if (result.ok) expect(result.signingCertificates).toHaveLength(1);
    expect(failureReason(idpMetadata({ use: 'encryption' }))).toBe('the IDPSSODescriptor has no signing certificate');
  });

  it('reads the one identity provider of an EntitiesDescriptor', () => {
    const entity = idpMetadata().replace('<?xml version="1.0" encoding="UTF-8"?>', '');
    const wrapped = `<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata">${entity}</md:EntitiesDescriptor>`;
    expect(parseSamlMetadata(wrapped)).toMatchObject({ ok: true, entityId: ENTITY_ID });
    const two = `<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata">${entity}${entity}</md:EntitiesDescriptor>`;
    expect(failureReason(two)).toMatch(/exactly one identity provider/);
  });

  it('refuses a key shorter than 1024 bits, as IAM does', () => {
    expect(failureReason(idpMetadata({ certificates: [WEAK_CERT] }))).toBe('a signing key is shorter than 1024 bits');
  });

  it.each([
    ['not XML', 'metadata', /no root element|xmldom/],
    ['a byte order mark', `\uFEFF${idpMetadata()}`, /byte order mark/],
    ['a DOCTYPE', idpMetadata().replace('<?xml version="1.0" encoding="UTF-8"?>', '<!DOCTYPE x>'), /DOCTYPE/],
    ['another root', '<EntityDescriptor entityID="x"/>', /namespace/],
    ['no entityID', idpMetadata().replace(/entityID="[^"]*"/, ''), /entityID/],
    ['no IDPSSODescriptor', idpMetadata().replace(/IDPSSODescriptor/g, 'SPSSODescriptor'), /IDPSSODescriptor/],
    ['no SAML 2.0 support', idpMetadata().replace('urn:oasis:names:tc:SAML:2.0:protocol', 'urn:other'), /SAML 2.0/],
    ['a certificate that is not base64', idpMetadata().replace(/<ds:X509Certificate>[^<]*/, '<ds:X509Certificate>!!'), /base64/],
    ['a certificate that is not DER', idpMetadata().replace(/<ds:X509Certificate>[^<]*/, '<ds:X509Certificate>AAAA'), /DER/],
    ['an invalid validUntil', idpMetadata({ validUntil: 'tomorrow' }), /validUntil/],
  ])('refuses %s', (_, xml, reason) => {
    expect(failureReason(xml)).toMatch(reason);
  });
});
