// IAM identity providers: OpenID Connect providers (provider-oidc.ts) and SAML 2.0
// providers (provider-saml.ts), the issuers an account trusts for federation.

import type { OperationTable } from '../operation.js';
import { oidcProviderOperations } from './provider-oidc.js';
import { samlProviderOperations } from './provider-saml.js';

export const identityProviderOperations: OperationTable = {
  ...oidcProviderOperations,
  ...samlProviderOperations,
};
