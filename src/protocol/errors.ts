// The one catalogue of AWS error codes Keyward emits (code, HTTP status,
// Sender|Receiver, meaning) and IamError, the error type that carries them.
// A test checks it against both service models and docs/errors.md.

export type ErrorType = 'Sender' | 'Receiver';
export type ErrorSource = 'iam' | 'sts' | 'common' | 'keyward';

export interface ErrorSpec {
  status: number;
  type: ErrorType;
  /** Where the code comes from: a service model, AWS's common errors, or Keyward itself. */
  source: ErrorSource;
  description: string;
}

const s = (status: number, source: ErrorSource, description: string): ErrorSpec => ({
  status,
  type: status >= 500 ? 'Receiver' : 'Sender',
  source,
  description,
});

export const ERROR_CATALOGUE = {
  // IAM model error shapes (code, httpStatusCode and senderFault from the model).
  ConcurrentModification: s(409, 'iam', 'Another request changed the same entity at the same time.'),
  DeleteConflict: s(409, 'iam', 'The entity still has attached or dependent entities.'),
  DuplicateCertificate: s(409, 'iam', 'The same signing certificate is already uploaded.'),
  DuplicateSSHPublicKey: s(400, 'iam', 'The SSH public key is already associated with the user.'),
  EntityAlreadyExists: s(409, 'iam', 'An entity with the same name already exists.'),
  EntityTemporarilyUnmodifiable: s(409, 'iam', 'The entity is being changed and cannot be modified now.'),
  FeatureDisabled: s(404, 'iam', 'The feature is disabled for the account.'),
  FeatureEnabled: s(409, 'iam', 'The feature is already enabled for the account.'),
  InvalidAuthenticationCode: s(403, 'iam', 'The MFA authentication code is not valid.'),
  InvalidCertificate: s(400, 'iam', 'The certificate is not valid.'),
  InvalidInput: s(400, 'iam', 'A parameter has an invalid value or combination.'),
  InvalidPublicKey: s(400, 'iam', 'The public key is not valid.'),
  InvalidUserType: s(400, 'iam', 'The operation is not valid for this type of user.'),
  KeyPairMismatch: s(400, 'iam', 'The public key does not match the private key.'),
  LimitExceeded: s(409, 'iam', 'An account or entity quota would be exceeded.'),
  MalformedCertificate: s(400, 'iam', 'The certificate is malformed or has an unsupported format.'),
  MalformedPolicyDocument: s(400, 'iam', 'The policy document is malformed (IAM and STS).'),
  NoSuchEntity: s(404, 'iam', 'The named entity does not exist.'),
  NotSupportedService: s(404, 'iam', 'The service does not support service-specific credentials.'),
  OpenIdIdpCommunicationError: s(400, 'iam', 'The OpenID Connect provider could not be reached.'),
  PasswordPolicyViolation: s(400, 'iam', 'The password does not satisfy the account password policy.'),
  PolicyEvaluation: s(500, 'iam', 'The policy could not be evaluated.'),
  PolicyNotAttachable: s(400, 'iam', 'The managed policy cannot be attached to this entity.'),
  ReportExpired: s(410, 'iam', 'The credential report has expired; generate a new one.'),
  ReportGenerationLimitExceeded: s(409, 'iam', 'Too many report generation requests.'),
  ReportInProgress: s(404, 'iam', 'The credential report is still being generated.'),
  ReportNotPresent: s(410, 'iam', 'No credential report exists; generate one first.'),
  ServiceFailure: s(500, 'iam', 'The request failed because of an unknown error.'),
  UnmodifiableEntity: s(400, 'iam', 'The entity is protected (for example service-linked) and cannot be changed.'),
  UnrecognizedPublicKeyEncoding: s(400, 'iam', 'The public key encoding is not recognised.'),
  // IAM model exceptions without error metadata: the code is the shape name, status 400.
  AccountNotManagementOrDelegatedAdministratorException: s(400, 'iam', 'The account is not the organization management or delegated administrator account.'),
  CallerIsNotManagementAccountException: s(400, 'iam', 'The caller is not the organization management account.'),
  OrganizationNotFoundException: s(400, 'iam', 'The account is not part of an organization.'),
  OrganizationNotInAllFeaturesModeException: s(400, 'iam', 'The organization does not have all features enabled.'),
  ServiceAccessNotEnabledException: s(400, 'iam', 'Trusted access for IAM is not enabled in the organization.'),
  // STS model error shapes.
  ExpiredTokenException: s(400, 'sts', 'The web identity token or SAML assertion has expired.'),
  ExpiredTradeInTokenException: s(400, 'sts', 'The trade-in token has expired.'),
  IDPCommunicationError: s(400, 'sts', 'The identity provider could not be reached.'),
  IDPRejectedClaim: s(403, 'sts', 'The identity provider rejected the claim.'),
  InvalidAuthorizationMessageException: s(400, 'sts', 'The encoded authorization message is not valid.'),
  InvalidIdentityToken: s(400, 'sts', 'The web identity token could not be validated.'),
  JWTPayloadSizeExceededException: s(400, 'sts', 'The JWT payload is too large.'),
  OutboundWebIdentityFederationDisabledException: s(403, 'sts', 'Outbound web identity federation is disabled.'),
  PackedPolicyTooLarge: s(400, 'sts', 'Session policies and tags exceed the packed size limit.'),
  RegionDisabledException: s(403, 'sts', 'STS is not activated in the requested region.'),
  SessionDurationEscalationException: s(403, 'sts', 'The requested session duration exceeds what is allowed.'),
  // Errors common to AWS Query services.
  AccessDenied: s(403, 'common', 'The caller is not authorized to perform the action.'),
  ExpiredToken: s(403, 'common', 'The security token included in the request is expired.'),
  IncompleteSignature: s(400, 'common', 'The request signature does not conform to AWS standards.'),
  InternalFailure: s(500, 'common', 'The request failed because of an unknown error.'),
  InvalidAction: s(400, 'common', 'The action or version is not known.'),
  InvalidClientTokenId: s(403, 'common', 'The access key id or security token does not exist.'),
  InvalidParameterCombination: s(400, 'common', 'Parameters that cannot be used together were used together.'),
  InvalidParameterValue: s(400, 'common', 'A parameter has an invalid or out-of-range value.'),
  InvalidQueryParameter: s(400, 'common', 'The query string is malformed.'),
  MalformedInput: s(400, 'common', 'A parameter value cannot be read as its type (for example a non-numeric integer).'),
  MalformedQueryString: s(404, 'common', 'The query string contains a syntax error.'),
  MissingAction: s(400, 'common', 'The request has no Action parameter.'),
  MissingAuthenticationToken: s(403, 'common', 'The request is not signed and carries no credentials.'),
  MissingParameter: s(400, 'common', 'A required parameter is missing.'),
  OptInRequired: s(403, 'common', 'The access key needs a subscription for the service.'),
  RequestExpired: s(400, 'common', 'The request timestamp is more than 15 minutes away from the server time.'),
  ServiceUnavailable: s(503, 'common', 'The service is temporarily unable to handle the request.'),
  SignatureDoesNotMatch: s(403, 'common', 'The request signature does not match the one computed from the secret key.'),
  Throttling: s(400, 'common', 'The request was throttled (Rate exceeded).'),
  ValidationError: s(400, 'common', 'The input fails to satisfy the constraints of the API model.'),
  // Keyward's own.
  NotImplemented: s(501, 'keyward', 'The action exists in AWS but Keyward does not implement it.'),
  // The authorization API for the platform's services (docs/authorize.md).
  MalformedServiceDefinition: s(400, 'keyward', 'A service definition fails its checks; `problems` lists each with its JSON path.'),
  SerializationException: s(400, 'keyward', 'The JSON request body cannot be read (the code AWS JSON services use).'),
  MissingContentLength: s(411, 'keyward', "A streaming upload announces no decoded content length (S3's code)."),
  InvalidRequest: s(400, 'keyward', "A streaming upload is malformed: presigned, or a trailer mode without x-amz-trailer (S3's code)."),
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_CATALOGUE, code);
}

/** An AWS-shaped failure: the code, HTTP status and fault side all come from the catalogue. */
export class IamError extends Error {
  override readonly name = 'IamError';
  readonly code: ErrorCode;
  readonly status: number;
  readonly type: ErrorType;
  /** Extra HTTP response headers (an AccessDenied's `x-keyward-encoded-authorization-message`). */
  readonly headers?: Readonly<Record<string, string>>;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; headers?: Readonly<Record<string, string>> }) {
    super(message, options !== undefined && 'cause' in options ? { cause: options.cause } : undefined);
    const spec: ErrorSpec = ERROR_CATALOGUE[code];
    this.code = code;
    this.status = spec.status;
    this.type = spec.type;
    if (options?.headers !== undefined) this.headers = options.headers;
  }
}

/** A factory for every catalogued code: `iamErrors.noSuchEntity('The user with name bob cannot be found.')`. */
export const iamErrors = Object.fromEntries(
  Object.keys(ERROR_CATALOGUE).map((code) => [
    code.charAt(0).toLowerCase() + code.slice(1),
    (message: string) => new IamError(code as ErrorCode, message),
  ]),
) as { readonly [C in ErrorCode as Uncapitalize<C>]: (message: string) => IamError };

/** `Could not find operation CreateUser for version 2010-05-08`, as AWS words it. */
export function invalidActionError(action: string, version: string | undefined): IamError {
  return new IamError('InvalidAction', `Could not find operation ${action} for version ${version ?? 'NO_VERSION_SPECIFIED'}`);
}

/** Turns anything thrown into an IamError, so an unexpected failure still answers as AWS would. */
export function toIamError(error: unknown): IamError {
  if (error instanceof IamError) return error;
  return new IamError('InternalFailure', 'We encountered an internal error. Please try again.', { cause: error });
}
