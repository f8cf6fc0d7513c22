// Reads an IdP's SAML 2.0 metadata document as IAM's CreateSAMLProvider/UpdateSAMLProvider
// validate it: an EntityDescriptor with an IDPSSODescriptor, its entityID (the Issuer its
// responses must carry), its signing certificates (RSA keys of at least 1024 bits) and validUntil.
import { X509Certificate } from 'node:crypto';
import { SAML_NS } from './saml-names.js';
import { attribute, childElements, parseXml, trimmedText, XmlParseError, type XmlElement } from './xml-dom.js';

export interface SamlMetadata {
  readonly entityId: string;
  /** PEM certificates whose keys may sign responses, in document order, without duplicates. */
  readonly signingCertificates: readonly string[];
  /** The metadata's validUntil: GetSAMLProvider's ValidUntil. */
  readonly validUntil?: Date;
}

export interface ParsedSamlMetadata extends SamlMetadata {
  readonly ok: true;
}

export interface SamlMetadataFailure {
  readonly ok: false;
  readonly code: 'InvalidInput';
  /** AWS's message (the IAM User Guide's "Could not parse metadata." error). */
  readonly message: string;
  /** What exactly is wrong, for logs and tests; not sent to the caller. */
  readonly reason: string;
}

export type SamlMetadataResult = ParsedSamlMetadata | SamlMetadataFailure;

/** AWS: "the x.509 certificate ... must use a key size of at least 1024 bits". */
export const MIN_SAML_RSA_KEY_BITS = 1024;

class MetadataError extends Error {}

function invalid(reason: string): never {
  throw new MetadataError(reason);
}

function toPem(der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

function certificatePem(base64: string): string {
  const compact = base64.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) invalid('an X509Certificate is not base64');
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(Buffer.from(compact, 'base64'));
  } catch {
    return invalid('an X509Certificate is not a DER certificate');
  }
  const key = certificate.publicKey;
  if (key.asymmetricKeyType === 'rsa' && (key.asymmetricKeyDetails?.modulusLength ?? 0) < MIN_SAML_RSA_KEY_BITS) {
    invalid(`a signing key is shorter than ${MIN_SAML_RSA_KEY_BITS} bits`);
  }
  return toPem(certificate.raw);
}

/** The EntityDescriptor to read: the root, or the one IdP inside an EntitiesDescriptor. */
function entityDescriptor(root: XmlElement): XmlElement {
  if (root.namespaceURI !== SAML_NS.metadata) invalid('the root is not in the SAML metadata namespace');
  if (root.localName === 'EntityDescriptor') return root;
  if (root.localName !== 'EntitiesDescriptor') invalid(`the root is ${root.localName ?? '?'}, not EntityDescriptor`);
  const idps = childElements(root, SAML_NS.metadata, 'EntityDescriptor').filter(
    (entity) => childElements(entity, SAML_NS.metadata, 'IDPSSODescriptor').length > 0,
  );
  if (idps.length !== 1) invalid(`an EntitiesDescriptor must hold exactly one identity provider, found ${idps.length}`);
  return idps[0] as XmlElement;
}

function validUntil(...elements: XmlElement[]): Date | undefined {
  const dates = elements.flatMap((element) => {
    const value = attribute(element, 'validUntil');
    if (value === undefined) return [];
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? invalid('validUntil is not a date') : [date];
  });
  return dates.length === 0 ? undefined : new Date(Math.min(...dates.map((date) => date.getTime())));
}

function signingCertificates(idp: XmlElement): string[] {
  const pems: string[] = [];
  for (const descriptor of childElements(idp, SAML_NS.metadata, 'KeyDescriptor')) {
    const use = attribute(descriptor, 'use');
    // No `use` means the key serves both signing and encryption.
    if (use !== undefined && use !== 'signing') continue;
    for (const keyInfo of childElements(descriptor, SAML_NS.dsig, 'KeyInfo')) {
      for (const data of childElements(keyInfo, SAML_NS.dsig, 'X509Data')) {
        for (const certificate of childElements(data, SAML_NS.dsig, 'X509Certificate')) {
          const pem = certificatePem(trimmedText(certificate));
          if (!pems.includes(pem)) pems.push(pem);
        }
      }
    }
  }
  return pems;
}

function readMetadata(xml: string): ParsedSamlMetadata {
  // The IAM User Guide: the document "must be encoded in UTF-8 format without a byte order mark".
  if (xml.startsWith('\uFEFF')) invalid('the document starts with a byte order mark');
  const root = parseXml(xml).documentElement;
  if (root === null) return invalid('no root element');
  const entity = entityDescriptor(root);
  const entityId = attribute(entity, 'entityID')?.trim() ?? '';
  if (entityId.length === 0) invalid('the EntityDescriptor has no entityID');
  const idps = childElements(entity, SAML_NS.metadata, 'IDPSSODescriptor');
  const idp = idps[0];
  if (idp === undefined || idps.length > 1) invalid('the EntityDescriptor must have exactly one IDPSSODescriptor');
  const protocols = (attribute(idp, 'protocolSupportEnumeration') ?? '').split(/\s+/);
  if (!protocols.includes(SAML_NS.protocol)) invalid('the IDPSSODescriptor does not support SAML 2.0');
  const certificates = signingCertificates(idp);
  if (certificates.length === 0) invalid('the IDPSSODescriptor has no signing certificate');
  const expiry = validUntil(entity, idp);
  return { ok: true, entityId, signingCertificates: certificates, ...(expiry === undefined ? {} : { validUntil: expiry }) };
}

/** Parses and validates a metadata document; a bad one answers IAM's InvalidInput. */
export function parseSamlMetadata(xml: string): SamlMetadataResult {
  try {
    return readMetadata(xml);
  } catch (error) {
    if (!(error instanceof MetadataError || error instanceof XmlParseError)) throw error;
    return { ok: false, code: 'InvalidInput', message: 'Could not parse metadata.', reason: error.message };
  }
}
