// IAM identity providers: OpenID Connect providers (provider-oidc.ts) and SAML 2.0
// providers (provider-saml.ts), the issuers an account trusts for federation.

import type { OperationTable } from '../../operation.js';
import { oidcProviderOperations } from './oidc.js';
import { samlProviderOperations } from './saml.js';

export const identityProviderOperations: OperationTable = {
  ...oidcProviderOperations,
  ...samlProviderOperations,
};
