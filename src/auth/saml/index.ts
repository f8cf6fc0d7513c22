// Public surface of SAML 2.0 federation: metadata validation for the IAM SAML provider actions,
// response verification and condition keys for AssumeRoleWithSAML.

export { parseSamlMetadata, MIN_SAML_RSA_KEY_BITS } from './saml-metadata.js';
export type { ParsedSamlMetadata, SamlMetadata, SamlMetadataFailure, SamlMetadataResult } from './saml-metadata.js';
export { verifySamlResponse } from './verify-saml-response.js';
export type { SamlResult, VerifiedSamlResponse, VerifySamlResponseOptions } from './verify-saml-response.js';
export { samlFailures } from './saml-failure.js';
export type { SamlErrorCode, SamlFailure } from './saml-failure.js';
export { samlContextKeys } from './saml-context-keys.js';
export { parseSamlProviderArn, samlDoc, samlNameQualifier } from './saml-name-qualifier.js';
export type { SamlProviderRef } from './saml-name-qualifier.js';
export { parseRoleAttributeValue, rolesForProvider } from './saml-roles.js';
export type { SamlRole } from './saml-roles.js';
export { AWS_SAML_ATTRIBUTE, AWS_SAML_AUDIENCES } from './saml-names.js';
export { SAML_REDEEM_WINDOW_SECONDS } from './saml-times.js';
