// The fixed names SAML federation with AWS uses: XML namespaces, AWS's attribute names,
// the sign-in endpoints and audiences AWS accepts.

export const SAML_NS = {
  protocol: 'urn:oasis:names:tc:SAML:2.0:protocol',
  assertion: 'urn:oasis:names:tc:SAML:2.0:assertion',
  metadata: 'urn:oasis:names:tc:SAML:2.0:metadata',
  dsig: 'http://www.w3.org/2000/09/xmldsig#',
} as const;

export const SAML_SUCCESS_STATUS = 'urn:oasis:names:tc:SAML:2.0:status:Success';

/** Attribute names are case-sensitive (IAM User Guide, "Configure SAML assertions"). */
export const AWS_SAML_ATTRIBUTE = {
  role: 'https://aws.amazon.com/SAML/Attributes/Role',
  roleSessionName: 'https://aws.amazon.com/SAML/Attributes/RoleSessionName',
  sessionDuration: 'https://aws.amazon.com/SAML/Attributes/SessionDuration',
  sourceIdentity: 'https://aws.amazon.com/SAML/Attributes/SourceIdentity',
  principalTagPrefix: 'https://aws.amazon.com/SAML/Attributes/PrincipalTag:',
  transitiveTagKeys: 'https://aws.amazon.com/SAML/Attributes/TransitiveTagKeys',
} as const;

/** The two Audience values AWS documents for its service provider. */
export const AWS_SAML_AUDIENCES: readonly string[] = ['https://signin.aws.amazon.com/saml', 'urn:amazon:webservices'];

/** The sign-in endpoint a Recipient may name: global, regional, or the `static` form AWS also documents. */
export const AWS_SAML_RECIPIENT = /^https:\/\/(?:[a-z]{2}(?:-[a-z]+)+-\d+\.)?signin\.aws\.amazon\.com\/(?:static\/)?saml$/;

/** NameID formats with this prefix are reported without it (`transient`, `persistent`). */
export const SAML2_NAMEID_FORMAT_PREFIX = 'urn:oasis:names:tc:SAML:2.0:nameid-format:';

/** The Format SAML implies when NameID has none. */
export const UNSPECIFIED_NAMEID_FORMAT = 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified';
