// Public surface of SigV4 verification: verify a request, peek at its service,
// and the error shape the protocol layer maps onto its catalogue.

export { verifySigV4, UNSIGNED_PAYLOAD } from './verify.js';
export type { LookupContext, SecretRecord, VerifiedRequest, VerifyOptions, VerifyResult } from './verify.js';
export type { SigV4Headers, SigV4Request } from './request.js';
export type { SigV4Error, SigV4ErrorCode } from './errors.js';
export { isSigV4Error, SIGNATURE_MISMATCH_MESSAGE } from './errors.js';
export { credentialScopeService } from './scope.js';
export { SigningKeyCache, deriveSigningKey } from './signing-key.js';
export type { SigningKeyCacheOptions } from './signing-key.js';
