// The `saml:` condition keys an AssumeRoleWithSAML request carries into the role's trust
// policy: aud, iss, sub, sub_type, namequalifier, doc, and the attributes AWS maps by Name.
import type { ContextValue } from '../../policy/context.js';
import { SAML_ATTRIBUTE_KEYS } from './saml-attribute-keys.js';
import { parseSamlProviderArn, samlDoc } from './saml-name-qualifier.js';
import type { VerifiedSamlResponse } from './verify-saml-response.js';

type SamlKeySource = Pick<
  VerifiedSamlResponse,
  'audience' | 'issuer' | 'subject' | 'subjectType' | 'nameQualifier' | 'providerArn' | 'attributes'
>;

/**
 * Keys spelled as AWS lists them (the policy engine matches names case-insensitively). List-typed
 * attributes keep every value; single-valued ones take the first. When two attributes map to one
 * key the first mapped wins ("If you include more than one, only one claim will be mapped").
 */
export function samlContextKeys(response: SamlKeySource): Record<string, ContextValue> {
  const keys: Record<string, ContextValue> = {
    // saml:aud is the Recipient, not the Audience (IAM User Guide).
    'saml:aud': response.audience,
    'saml:iss': response.issuer,
    'saml:sub': response.subject,
    'saml:sub_type': response.subjectType,
    'saml:namequalifier': response.nameQualifier,
  };
  const provider = parseSamlProviderArn(response.providerArn);
  if (provider !== undefined) keys['saml:doc'] = samlDoc(provider);
  for (const [name, values] of response.attributes) {
    const mapping = SAML_ATTRIBUTE_KEYS.get(name);
    const first = values[0];
    if (mapping === undefined || first === undefined) continue;
    const key = `saml:${mapping.key}`;
    if (key in keys) continue;
    keys[key] = mapping.list ? [...values] : first;
  }
  return keys;
}
