// Which SAML attributes become `saml:` condition keys, from the IAM User Guide's "Mapping SAML
// attributes to AWS trust policy context keys" tables: matched by the Attribute's Name, typed
// as a single string or a list of strings.

export interface SamlAttributeKey {
  /** The key without its `saml:` prefix, spelled as AWS lists it. */
  readonly key: string;
  readonly list: boolean;
}

const edu = (key: string, list: boolean): SamlAttributeKey => ({ key, list });

/** Attribute Name -> context key. Names are compared exactly, as AWS does. */
export const SAML_ATTRIBUTE_KEYS: ReadonlyMap<string, SamlAttributeKey> = new Map([
  // eduPerson and eduOrg attributes.
  ['urn:oid:1.3.6.1.4.1.5923.1.1.1.1', edu('edupersonaffiliation', true)],
  ['urn:oid:1.3.6.1.4.1.5923.1.1.1.2', edu('edupersonnickname', true)],
  ['urn:oid:1.3.6.1.4.1.5923.1.1.1.3', edu('edupersonorgdn', false)],
  ['urn:oid:1.3.6.1.4.1.5923.1.1.1.4', edu('edupersonorgunitdn', true)],
  ['urn:oid:1.3.6.1.4.1.5923.1.1.1.5', edu('edupersonprimaryaffiliation', false)],
  ['urn:oid:1.3.6.1.4.1.5923.1.1.1.6', edu('edupersonprincipalname', false)],
  ['urn:oid:1.3.6.1.4.1.5923.1.1.1.7', edu('edupersonentitlement', true)],
  ['urn:oid:1.3.6.1.4.1.5923.1.1.1.8', edu('edupersonprimaryorgunitdn', false)],
  ['urn:oid:1.3.6.1.4.1.5923.1.1.1.9', edu('edupersonscopedaffiliation', true)],
  ['urn:oid:1.3.6.1.4.1.5923.1.1.1.10', edu('edupersontargetedid', true)],
  ['urn:oid:1.3.6.1.4.1.5923.1.1.1.11', edu('edupersonassurance', true)],
  ['urn:oid:1.3.6.1.4.1.5923.1.2.1.2', edu('eduorghomepageuri', true)],
  ['urn:oid:1.3.6.1.4.1.5923.1.2.1.3', edu('eduorgidentityauthnpolicyuri', true)],
  ['urn:oid:1.3.6.1.4.1.5923.1.2.1.4', edu('eduorglegalname', true)],
  ['urn:oid:1.3.6.1.4.1.5923.1.2.1.5', edu('eduorgsuperioruri', true)],
  ['urn:oid:1.3.6.1.4.1.5923.1.2.1.6', edu('eduorgwhitepagesuri', true)],
  ['urn:oid:2.5.4.3', edu('cn', true)],
  // Active Directory attributes (the guide maps primarygroupsid to uid; kept as documented).
  ['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name', edu('name', false)],
  ['http://schemas.xmlsoap.org/claims/CommonName', edu('commonName', false)],
  ['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname', edu('givenName', false)],
  ['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname', edu('surname', false)],
  ['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress', edu('mail', false)],
  ['http://schemas.microsoft.com/ws/2008/06/identity/claims/primarygroupsid', edu('uid', false)],
  // X.500 attributes, as the guide lists them (including its 2.4.5.42 for givenName).
  ['2.5.4.3', edu('commonName', false)],
  ['2.5.4.4', edu('surname', false)],
  ['2.4.5.42', edu('givenName', false)],
  ['2.5.4.45', edu('x500UniqueIdentifier', false)],
  ['0.9.2342.19200300100.1.1', edu('uid', false)],
  ['0.9.2342.19200300100.1.3', edu('mail', false)],
  ['0.9.2342.19200300.100.1.45', edu('organizationStatus', false)],
]);
