// Reads the parts of a (signed) SAML 2.0 Assertion that AssumeRoleWithSAML uses into plain
// data: issuer, instants, subject and its confirmation, conditions, and attributes by Name.
// Reading only: every check on the values happens in verify-saml-response.ts.
import { SAML_NS } from './saml-names.js';
import { attribute, childElements, soleChild, trimmedText, type XmlElement } from './xml-dom.js';

export interface SamlSubjectConfirmation {
  readonly method?: string;
  readonly recipient?: string;
  readonly notBefore?: string;
  readonly notOnOrAfter?: string;
}

export interface SamlConditions {
  readonly notBefore?: string;
  readonly notOnOrAfter?: string;
  /** One list of Audience values per AudienceRestriction; each restriction must be met. */
  readonly audienceRestrictions: readonly (readonly string[])[];
}

export interface SamlAssertionData {
  readonly id?: string;
  readonly issuer?: string;
  readonly issueInstant?: string;
  readonly nameId?: { readonly value: string; readonly format?: string };
  readonly subjectConfirmations: readonly SamlSubjectConfirmation[];
  readonly conditions?: SamlConditions;
  /** Attribute values by Name, from every AttributeStatement, in document order. */
  readonly attributes: ReadonlyMap<string, readonly string[]>;
}

const A = SAML_NS.assertion;

function readSubject(assertion: XmlElement): Pick<SamlAssertionData, 'nameId' | 'subjectConfirmations'> {
  const subject = soleChild(assertion, A, 'Subject');
  if (subject === undefined) return { subjectConfirmations: [] };
  const nameId = soleChild(subject, A, 'NameID');
  const confirmations = childElements(subject, A, 'SubjectConfirmation').map((confirmation): SamlSubjectConfirmation => {
    const data = soleChild(confirmation, A, 'SubjectConfirmationData');
    return {
      method: attribute(confirmation, 'Method'),
      recipient: data === undefined ? undefined : attribute(data, 'Recipient'),
      notBefore: data === undefined ? undefined : attribute(data, 'NotBefore'),
      notOnOrAfter: data === undefined ? undefined : attribute(data, 'NotOnOrAfter'),
    };
  });
  return {
    subjectConfirmations: confirmations,
    nameId: nameId === undefined ? undefined : { value: trimmedText(nameId), format: attribute(nameId, 'Format') },
  };
}

function readConditions(assertion: XmlElement): SamlConditions | undefined {
  const conditions = soleChild(assertion, A, 'Conditions');
  if (conditions === undefined) return undefined;
  return {
    notBefore: attribute(conditions, 'NotBefore'),
    notOnOrAfter: attribute(conditions, 'NotOnOrAfter'),
    audienceRestrictions: childElements(conditions, A, 'AudienceRestriction').map((restriction) =>
      childElements(restriction, A, 'Audience').map(trimmedText),
    ),
  };
}

function readAttributes(assertion: XmlElement): Map<string, string[]> {
  const attributes = new Map<string, string[]>();
  for (const statement of childElements(assertion, A, 'AttributeStatement')) {
    for (const element of childElements(statement, A, 'Attribute')) {
      const name = attribute(element, 'Name');
      if (name === undefined) continue;
      const values = childElements(element, A, 'AttributeValue').map(trimmedText);
      attributes.set(name, [...(attributes.get(name) ?? []), ...values]);
    }
  }
  return attributes;
}

/** Everything AssumeRoleWithSAML needs from one Assertion element. */
export function readAssertion(assertion: XmlElement): SamlAssertionData {
  const issuer = soleChild(assertion, A, 'Issuer');
  return {
    id: attribute(assertion, 'ID'),
    issuer: issuer === undefined ? undefined : trimmedText(issuer),
    issueInstant: attribute(assertion, 'IssueInstant'),
    ...readSubject(assertion),
    conditions: readConditions(assertion),
    attributes: readAttributes(assertion),
  };
}
