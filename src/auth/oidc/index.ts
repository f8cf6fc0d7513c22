// Public surface of web identity (OIDC) verification for AssumeRoleWithWebIdentity and the
// IAM OpenID Connect provider actions.

export { verifyWebIdentityToken, WEB_IDENTITY_ALGORITHMS, WEB_IDENTITY_CLOCK_TOLERANCE_SECONDS } from './verify-web-identity-token.js';
export type { VerifiedWebIdentity, VerifyWebIdentityTokenOptions, WebIdentityResult } from './verify-web-identity-token.js';
export { webIdentityFailures } from './web-identity-failure.js';
export type { WebIdentityErrorCode, WebIdentityFailure } from './web-identity-failure.js';
export { webIdentityContextKeys } from './web-identity-context-keys.js';
export type { WebIdentityProvider } from './web-identity-context-keys.js';
export { issuerMatchesProvider, providerUrlForIssuer, readTokenIssuer } from './issuer.js';
export { createJwksFetcher, defaultFetchJwks } from './jwks-fetcher.js';
export type { FetchJwks, FetchJwksOptions, JwksFetcherOptions } from './jwks-fetcher.js';
export { JwksFetchError } from './fetch-json.js';
export type { JwksFetchErrorKind } from './fetch-json.js';
export { certificateThumbprint } from './tls-trust.js';
