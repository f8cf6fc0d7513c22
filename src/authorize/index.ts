// `keyward/authorize`: what a platform service needs to have its clients' requests verified
// and decided by Keyward (docs/authorize.md).

export { createAuthorizeClient, KeywardCallError } from './client/authorize-client.js';
export type { AuthorizeClient, AuthorizeClientOptions, AuthorizeRequestInput } from './client/authorize-client.js';
export { authorizeIncoming, keywardExpress, keywardFastify, protect } from './client/middleware.js';
export type { Authorized, Outcome, ProtectOptions, RouteChecks } from './client/middleware.js';
export type { KeywardCredentials } from './client/sign-call.js';
export { chunkSignature, decodeAwsChunked, trailerSignature } from './verify/chunk-signature.js';
export type { DecodedBody } from './verify/chunk-signature.js';
export type { DecisionAnswer } from './authorize-request.js';
export type { CallerView } from './decide/caller-view.js';
export type { Check, CheckDecision } from './decide/decide-checks.js';
export type { ForwardedHeaders, ForwardedRequest } from './verify/forwarded-request.js';
export type { PayloadCheck, StreamingCheck, VerifyFailure } from './verify/verify-forwarded.js';
export { parseDefinition, parseDefinitionText } from './definition/parse-definition.js';
export type { DefinitionProblem, ParsedDefinition } from './definition/parse-definition.js';
export type { ServiceDefinition, DefinedAction, DefinedResourceType, DefinedConditionKey, DefinedRoute, SigningRules } from './definition/service-definition.js';
export { matchRoute, routeResource } from './definition/route-pattern.js';
