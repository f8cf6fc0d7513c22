// Verifies the SAMLAssertion of an AssumeRoleWithSAML call against one IAM SAML provider: the
// signature (on the Response or its one Assertion) with the provider's certificates, Issuer,
// time window, audience, recipient, subject, and AWS's Role/RoleSessionName attributes.
// Every value is read from the XML the signature covers. Returns a result, never throws.
import type { Tag } from '../../domain/entities.js';
import { readAssertion, type SamlAssertionData } from './saml-assertion.js';
import { samlFailures, type SamlFailure } from './saml-failure.js';
import { parseSamlMetadata, type SamlMetadata, type SamlMetadataFailure } from './saml-metadata.js';
import { parseSamlProviderArn, samlNameQualifier, type SamlProviderRef } from './saml-name-qualifier.js';
import {
  AWS_SAML_ATTRIBUTE,
  AWS_SAML_AUDIENCES,
  AWS_SAML_RECIPIENT,
  SAML2_NAMEID_FORMAT_PREFIX,
  SAML_NS,
  SAML_SUCCESS_STATUS,
  UNSPECIFIED_NAMEID_FORMAT,
} from './saml-names.js';
import { rolesForProvider, type SamlRole } from './saml-roles.js';
import { verifyElementSignature } from './saml-signature.js';
import { checkSamlTimes, samlUsableUntil } from './saml-times.js';
import { attribute, childElements, parseXml, soleChild, XmlParseError, type XmlDocument, type XmlElement } from './xml-dom.js';

export interface VerifySamlResponseOptions {
  /** The provider's metadata, parsed or as stored. */
  readonly metadata: SamlMetadata | string;
  /** `arn:aws:iam::ACCOUNT:saml-provider/NAME`: the PrincipalArn of the call. */
  readonly providerArn: string;
  readonly now: Date;
  /** Accepted Audience values; default AWS's `https://signin.aws.amazon.com/saml` and `urn:amazon:webservices`. */
  readonly expectedAudience?: string | readonly string[];
  /** Accepted Recipient values; default AWS's sign-in endpoints (global, regional, `/static/saml`). */
  readonly expectedRecipient?: string | readonly string[];
  /** Tolerance for the IdP's clock on NotBefore/NotOnOrAfter. Default 60 s. */
  readonly clockSkewSeconds?: number;
}

export interface VerifiedSamlResponse {
  readonly ok: true;
  /** The Issuer: saml:iss. */
  readonly issuer: string;
  /** The NameID: saml:sub and STS's Subject. */
  readonly subject: string;
  /** The NameID Format, `urn:oasis:names:tc:SAML:2.0:nameid-format:` removed: saml:sub_type and STS's SubjectType. */
  readonly subjectType: string;
  /** saml:namequalifier and STS's NameQualifier. */
  readonly nameQualifier: string;
  /** The SubjectConfirmationData Recipient: saml:aud and STS's Audience. */
  readonly audience: string;
  readonly providerArn: string;
  /** The Assertion's ID, and until when it could be accepted: what a replay guard keeps. */
  readonly assertionId: string;
  readonly usableUntil: Date;
  /** The role/provider pairs for this provider, in attribute order. */
  readonly roles: readonly SamlRole[];
  readonly sessionName: string;
  /** SessionDuration in seconds, when given. */
  readonly sessionDuration?: number;
  readonly sourceIdentity?: string;
  /** PrincipalTag:{Key} attributes, in document order. */
  readonly tags: readonly Tag[];
  readonly transitiveTagKeys: readonly string[];
  /** Every attribute by Name (values trimmed), for the saml: keys. */
  readonly attributes: ReadonlyMap<string, readonly string[]>;
}

export type SamlResult = VerifiedSamlResponse | SamlFailure;

/** RoleSessionName and SourceIdentity, per the troubleshooting messages. */
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
/** STS's SAMLAssertion parameter allows 100,000 characters. */
const MAX_ASSERTION_LENGTH = 100_000;

function list(value: string | readonly string[] | undefined, fallback: readonly string[]): readonly string[] {
  return value === undefined ? fallback : typeof value === 'string' ? [value] : value;
}

function decode(samlAssertion: string): string | undefined {
  const compact = samlAssertion.replace(/\s+/g, '');
  if (compact.length === 0 || compact.length > MAX_ASSERTION_LENGTH || !BASE64.test(compact)) return undefined;
  return Buffer.from(compact, 'base64').toString('utf8');
}

function parse(xml: string): XmlDocument | undefined {
  try {
    return parseXml(xml);
  } catch (error) {
    if (error instanceof XmlParseError) return undefined;
    throw error;
  }
}

/** The signed copy of `element`, re-parsed: it must be the same kind of element with the same ID. */
function signedCopy(xml: string, element: XmlElement, certificates: readonly string[]): XmlElement | SamlFailure {
  const check = verifyElementSignature(xml, element, certificates);
  if (!check.ok) return samlFailures.signature(check.reason);
  const root = parse(check.signedXml)?.documentElement ?? null;
  if (
    root === null ||
    root.localName !== element.localName ||
    root.namespaceURI !== element.namespaceURI ||
    attribute(root, 'ID') !== attribute(element, 'ID')
  ) {
    return samlFailures.signature('the signed content is not the element that carries the signature');
  }
  return root;
}

/** Finds the one Assertion and returns it as signed, by the Response's signature or its own. */
function signedAssertion(xml: string, response: XmlElement, metadata: SamlMetadata): XmlElement | SamlFailure {
  if (childElements(response, SAML_NS.assertion, 'EncryptedAssertion').length > 0) return samlFailures.encrypted();
  const assertions = childElements(response, SAML_NS.assertion, 'Assertion');
  const assertion = assertions[0];
  if (assertion === undefined || assertions.length > 1) return samlFailures.malformed('a Response must carry exactly one Assertion');
  const responseSigned = childElements(response, SAML_NS.dsig, 'Signature').length > 0;
  const signed = signedCopy(xml, responseSigned ? response : assertion, metadata.signingCertificates);
  if (!('localName' in signed)) return signed;
  if (!responseSigned) return signed;
  const responseIssuer = soleChild(signed, SAML_NS.assertion, 'Issuer');
  if (responseIssuer !== undefined && (responseIssuer.textContent ?? '').trim() !== metadata.entityId) {
    return samlFailures.issuer('the Response Issuer is not the entityID of the metadata');
  }
  const inner = childElements(signed, SAML_NS.assertion, 'Assertion');
  return inner.length === 1 && inner[0] !== undefined ? inner[0] : samlFailures.malformed('the signed Response has no single Assertion');
}

function statusOf(response: XmlElement): string {
  const status = soleChild(response, SAML_NS.protocol, 'Status');
  const code = status === undefined ? undefined : soleChild(status, SAML_NS.protocol, 'StatusCode');
  return code === undefined ? 'missing' : (attribute(code, 'Value') ?? 'missing');
}

function checkAudienceAndRecipient(data: SamlAssertionData, options: VerifySamlResponseOptions): SamlFailure | string {
  const audiences = list(options.expectedAudience, AWS_SAML_AUDIENCES);
  const restrictions = data.conditions?.audienceRestrictions ?? [];
  if (restrictions.length === 0) return samlFailures.audience('no AudienceRestriction');
  // Every AudienceRestriction must name an accepted audience (SAML core 2.5.1.4).
  if (!restrictions.every((restriction) => restriction.some((value) => audiences.includes(value)))) {
    return samlFailures.audience('no accepted Audience');
  }
  const recipient = data.subjectConfirmations[0]?.recipient;
  if (recipient === undefined) return samlFailures.recipient('no Recipient');
  const accepted =
    options.expectedRecipient === undefined ? AWS_SAML_RECIPIENT.test(recipient) : list(options.expectedRecipient, []).includes(recipient);
  return accepted ? recipient : samlFailures.recipient(`Recipient ${recipient} is not accepted`);
}

function principalTags(attributes: ReadonlyMap<string, readonly string[]>): Tag[] {
  const tags: Tag[] = [];
  for (const [name, values] of attributes) {
    if (!name.startsWith(AWS_SAML_ATTRIBUTE.principalTagPrefix)) continue;
    tags.push({ key: name.slice(AWS_SAML_ATTRIBUTE.principalTagPrefix.length), value: values[0] ?? '' });
  }
  return tags;
}

type SessionAttributes = Pick<VerifiedSamlResponse, 'sessionName' | 'sessionDuration' | 'sourceIdentity'>;

function sessionAttributes(attributes: ReadonlyMap<string, readonly string[]>): SessionAttributes | SamlFailure {
  const sessionName = attributes.get(AWS_SAML_ATTRIBUTE.roleSessionName)?.[0];
  if (sessionName === undefined) return samlFailures.sessionNameMissing();
  if (!SESSION_NAME.test(sessionName)) return samlFailures.sessionNameInvalid();
  const sourceIdentity = attributes.get(AWS_SAML_ATTRIBUTE.sourceIdentity)?.[0];
  if (sourceIdentity !== undefined && (!SESSION_NAME.test(sourceIdentity) || sourceIdentity.toLowerCase().startsWith('aws:'))) {
    return samlFailures.sourceIdentityInvalid();
  }
  const duration = attributes.get(AWS_SAML_ATTRIBUTE.sessionDuration)?.[0];
  const seconds = duration === undefined ? undefined : /^\d{1,6}$/.test(duration) ? Number(duration) : Number.NaN;
  if (seconds !== undefined && !(seconds >= 900 && seconds <= 43_200)) return samlFailures.sessionDurationInvalid();
  return { sessionName, sourceIdentity, sessionDuration: seconds };
}

function isMetadataFailure(value: SamlMetadata | SamlMetadataFailure): value is SamlMetadataFailure {
  return 'ok' in value && value.ok === false;
}

function isFailure(value: object): value is SamlFailure {
  return 'ok' in value && value.ok === false;
}

function verifyAssertion(
  data: SamlAssertionData,
  metadata: SamlMetadata,
  provider: SamlProviderRef,
  options: VerifySamlResponseOptions,
): SamlResult {
  if (data.issuer !== metadata.entityId) return samlFailures.issuer('the Assertion Issuer is not the entityID of the metadata');
  const skew = options.clockSkewSeconds ?? 60;
  const timeFailure = checkSamlTimes(data, options.now, skew);
  if (timeFailure !== undefined) return timeFailure;
  // Required by the schema, and what tells one assertion from its replay.
  if (data.id === undefined || data.id.length === 0) return samlFailures.malformed('the Assertion has no ID');
  const audience = checkAudienceAndRecipient(data, options);
  if (typeof audience !== 'string') return audience;
  const nameId = data.nameId;
  if (nameId === undefined || nameId.value.length === 0) return samlFailures.notAuthorized('no Subject NameID');
  const roleValues = data.attributes.get(AWS_SAML_ATTRIBUTE.role) ?? [];
  if (roleValues.length === 0) return samlFailures.notAuthorized('no Role attribute');
  const roles = rolesForProvider(roleValues, options.providerArn);
  if (roles.length === 0) return samlFailures.notAuthorized('no role in the Role attribute names this provider');
  const session = sessionAttributes(data.attributes);
  if (isFailure(session)) return session;
  const format = nameId.format ?? UNSPECIFIED_NAMEID_FORMAT;
  return {
    ok: true,
    issuer: data.issuer,
    subject: nameId.value,
    subjectType: format.startsWith(SAML2_NAMEID_FORMAT_PREFIX) ? format.slice(SAML2_NAMEID_FORMAT_PREFIX.length) : format,
    nameQualifier: samlNameQualifier(data.issuer, provider),
    audience,
    providerArn: options.providerArn,
    assertionId: data.id,
    usableUntil: samlUsableUntil(data, skew),
    roles,
    ...session,
    tags: principalTags(data.attributes),
    transitiveTagKeys: data.attributes.get(AWS_SAML_ATTRIBUTE.transitiveTagKeys) ?? [],
    attributes: data.attributes,
  };
}

/** Verifies a base64 SAML Response (STS's SAMLAssertion parameter) for one provider. */
export function verifySamlResponse(samlAssertion: string, options: VerifySamlResponseOptions): SamlResult {
  const parsed = typeof options.metadata === 'string' ? parseSamlMetadata(options.metadata) : options.metadata;
  if (isMetadataFailure(parsed)) return samlFailures.signature(`provider metadata: ${parsed.reason}`);
  const metadata: SamlMetadata = parsed;
  const provider = parseSamlProviderArn(options.providerArn);
  if (provider === undefined) return samlFailures.notAuthorized('the principal is not a SAML provider ARN');
  if (metadata.validUntil !== undefined && metadata.validUntil <= options.now) return samlFailures.providerExpired();

  const xml = decode(samlAssertion);
  if (xml === undefined) return samlFailures.malformed('not base64');
  const response = parse(xml)?.documentElement ?? null;
  if (response === null) return samlFailures.malformed('not well-formed XML');
  if (response.namespaceURI !== SAML_NS.protocol || response.localName !== 'Response') {
    return samlFailures.malformed('the document is not a SAML 2.0 Response');
  }
  // The status is read before the signature: an IdP's error responses are often unsigned.
  const status = statusOf(response);
  if (status !== SAML_SUCCESS_STATUS) return samlFailures.rejected(status);
  const assertion = signedAssertion(xml, response, metadata);
  if (!('localName' in assertion)) return assertion;
  return verifyAssertion(readAssertion(assertion), metadata, provider, options);
}
