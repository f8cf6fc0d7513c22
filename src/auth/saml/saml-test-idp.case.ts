// A test identity provider: metadata for the fixture certificates, SAML Responses built from
// a spec, and signatures made with xml-crypto the way IdPs make them (enveloped, exclusive c14n).
import { readFileSync } from 'node:fs';
import { SignedXml } from 'xml-crypto';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

export const IDP_KEY = fixture('idp-key.pem');
export const IDP_CERT = fixture('idp-cert.pem');
export const OTHER_KEY = fixture('other-key.pem');
export const OTHER_CERT = fixture('other-cert.pem');
/** A 512-bit RSA certificate: below IAM's 1024-bit minimum. */
export const WEAK_CERT = fixture('weak-cert.pem');

export const ENTITY_ID = 'https://idp.example.com/saml/metadata';
export const ACCOUNT = '123456789012';
export const PROVIDER_ARN = `arn:aws:iam::${ACCOUNT}:saml-provider/ExampleIdP`;
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/SamlReader`;
export const SIGN_IN = 'https://signin.aws.amazon.com/saml';

export const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
export const RSA_SHA1 = 'http://www.w3.org/2000/09/xmldsig#rsa-sha1';

export function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The base64 body of a PEM certificate, as metadata carries it. */
export function certificateBody(pem: string): string {
  return pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
}

export interface MetadataSpec {
  readonly entityId?: string;
  readonly certificates?: readonly string[];
  readonly validUntil?: string;
  readonly use?: string | null;
}

export function idpMetadata(spec: MetadataSpec = {}): string {
  const use = spec.use === undefined ? ' use="signing"' : spec.use === null ? '' : ` use="${spec.use}"`;
  const keys = (spec.certificates ?? [IDP_CERT])
    .map(
      (pem) => `
    <md:KeyDescriptor${use}>
      <ds:KeyInfo><ds:X509Data><ds:X509Certificate>
        ${certificateBody(pem).replace(/(.{64})/g, '$1\n        ')}
      </ds:X509Certificate></ds:X509Data></ds:KeyInfo>
    </md:KeyDescriptor>`,
    )
    .join('');
  const validUntil = spec.validUntil === undefined ? '' : ` validUntil="${spec.validUntil}"`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${escapeXml(spec.entityId ?? ENTITY_ID)}"${validUntil}>
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">${keys}
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.com/sso"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>`;
}

export interface ResponseSpec {
  readonly now: Date;
  readonly responseId?: string;
  readonly assertionId?: string;
  readonly issuer?: string;
  readonly status?: string;
  /** Seconds relative to now. */
  readonly issuedAt?: number;
  readonly notBefore?: number | null;
  readonly notOnOrAfter?: number;
  readonly subjectNotOnOrAfter?: number;
  readonly recipient?: string | null;
  readonly audiences?: readonly string[] | null;
  /** null leaves NameID out. */
  readonly nameId?: string | null;
  /** Raw XML for the NameID content (to put comments inside it). */
  readonly nameIdXml?: string;
  readonly nameIdFormat?: string | null;
  readonly attributes?: Readonly<Record<string, readonly string[]>>;
}

export function defaultAttributes(): Record<string, string[]> {
  return {
    'https://aws.amazon.com/SAML/Attributes/Role': [`${ROLE_ARN},${PROVIDER_ARN}`],
    'https://aws.amazon.com/SAML/Attributes/RoleSessionName': ['alice@example.com'],
  };
}

const at = (now: Date, seconds: number): string => new Date(now.getTime() + seconds * 1000).toISOString();

export function assertionXml(spec: ResponseSpec): string {
  const { now } = spec;
  const attributes = Object.entries(spec.attributes ?? defaultAttributes())
    .map(
      ([name, values]) =>
        `<saml:Attribute Name="${escapeXml(name)}">${values.map((v) => `<saml:AttributeValue>${escapeXml(v)}</saml:AttributeValue>`).join('')}</saml:Attribute>`,
    )
    .join('');
  const format = spec.nameIdFormat === null ? '' : ` Format="${spec.nameIdFormat ?? 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent'}"`;
  const nameId =
    spec.nameId === null ? '' : `<saml:NameID${format}>${spec.nameIdXml ?? escapeXml(spec.nameId ?? '_u1234')}</saml:NameID>`;
  const recipient = spec.recipient === null ? '' : ` Recipient="${escapeXml(spec.recipient ?? SIGN_IN)}"`;
  const notBefore = spec.notBefore === null ? '' : ` NotBefore="${at(now, spec.notBefore ?? -5)}"`;
  const audiences =
    spec.audiences === null
      ? ''
      : `<saml:AudienceRestriction>${(spec.audiences ?? [SIGN_IN]).map((a) => `<saml:Audience>${escapeXml(a)}</saml:Audience>`).join('')}</saml:AudienceRestriction>`;
  return `<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${spec.assertionId ?? '_assertion1'}" Version="2.0" IssueInstant="${at(now, spec.issuedAt ?? -2)}"><saml:Issuer>${escapeXml(spec.issuer ?? ENTITY_ID)}</saml:Issuer><saml:Subject>${nameId}<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="${at(now, spec.subjectNotOnOrAfter ?? 300)}"${recipient}/></saml:SubjectConfirmation></saml:Subject><saml:Conditions${notBefore} NotOnOrAfter="${at(now, spec.notOnOrAfter ?? 300)}">${audiences}</saml:Conditions><saml:AuthnStatement AuthnInstant="${at(now, -2)}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement><saml:AttributeStatement>${attributes}</saml:AttributeStatement></saml:Assertion>`;
}

/** A Response around `assertions` (XML strings, already signed or not). */
export function responseXml(spec: ResponseSpec, assertions: readonly string[] = [assertionXml(spec)]): string {
  const status = spec.status ?? 'urn:oasis:names:tc:SAML:2.0:status:Success';
  return `<?xml version="1.0" encoding="UTF-8"?><samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${spec.responseId ?? '_response1'}" Version="2.0" IssueInstant="${at(spec.now, spec.issuedAt ?? -2)}" Destination="${SIGN_IN}"><saml:Issuer>${escapeXml(spec.issuer ?? ENTITY_ID)}</saml:Issuer><samlp:Status><samlp:StatusCode Value="${status}"/></samlp:Status>${assertions.join('')}</samlp:Response>`;
}

export interface SignOptions {
  readonly key?: string;
  readonly cert?: string;
  readonly algorithm?: string;
}

/**
 * Signs the element at `xpath` (Response or Assertion) in `xml`, placing the signature after its
 * Issuer as the SAML schema wants; the element's ID attribute is the reference.
 */
export function signXml(xml: string, xpath: string, options: SignOptions = {}): string {
  const signer = new SignedXml({
    privateKey: options.key ?? IDP_KEY,
    publicCert: options.cert ?? IDP_CERT,
    signatureAlgorithm: options.algorithm ?? RSA_SHA256,
    canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  });
  signer.addReference({
    xpath,
    digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
    transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'],
  });
  signer.computeSignature(xml, { prefix: 'ds', location: { reference: `${xpath}/*[local-name(.)='Issuer']`, action: 'after' } });
  return signer.getSignedXml();
}

export const RESPONSE_XPATH = "/*[local-name(.)='Response']";
export const ASSERTION_XPATH = "/*[local-name(.)='Response']/*[local-name(.)='Assertion']";

/** A Response whose Assertion is signed by the IdP (the common case), base64 for STS. */
export function signedResponse(spec: ResponseSpec, options: SignOptions & { readonly signResponse?: boolean } = {}): string {
  const signed = options.signResponse === true ? signXml(responseXml(spec), RESPONSE_XPATH, options) : signXml(responseXml(spec), ASSERTION_XPATH, options);
  return toBase64(signed);
}

export function toBase64(xml: string): string {
  return Buffer.from(xml, 'utf8').toString('base64');
}

export function fromBase64(base64: string): string {
  return Buffer.from(base64, 'base64').toString('utf8');
}
