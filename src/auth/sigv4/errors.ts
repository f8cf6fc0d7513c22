// The failures SigV4 verification can report, with AWS's code, HTTP status and
// wording for IAM/STS. Messages never carry the secret or signature-derived bytes.

export type SigV4ErrorCode =
  | 'MissingAuthenticationToken'
  | 'IncompleteSignature'
  | 'InvalidClientTokenId'
  | 'SignatureDoesNotMatch'
  | 'RequestExpired';

export interface SigV4Error {
  readonly code: SigV4ErrorCode;
  readonly status: number;
  readonly message: string;
}

export const SIGNATURE_MISMATCH_MESSAGE =
  'The request signature we calculated does not match the signature you provided. ' +
  'Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

/** No `Authorization` header and no `X-Amz-Algorithm=AWS4-HMAC-SHA256` query parameter. */
export function missingAuthenticationToken(): SigV4Error {
  return { code: 'MissingAuthenticationToken', status: 403, message: 'Request is missing Authentication Token' };
}

/** The signature's parts are missing or malformed (AWS answers 400 for these). */
export function incompleteSignature(message: string): SigV4Error {
  return { code: 'IncompleteSignature', status: 400, message };
}

/** The access key id is unknown (AWS words it as a "security token"). */
export function invalidClientTokenId(): SigV4Error {
  return {
    code: 'InvalidClientTokenId',
    status: 403,
    message: 'The security token included in the request is invalid.',
  };
}

/** Wrong signature, bad credential scope, or a clock skew beyond the window. */
export function signatureDoesNotMatch(message: string = SIGNATURE_MISMATCH_MESSAGE): SigV4Error {
  return { code: 'SignatureDoesNotMatch', status: 403, message };
}

/** A presigned request past its `X-Amz-Expires` window. */
export function requestExpired(): SigV4Error {
  return { code: 'RequestExpired', status: 400, message: 'Request has expired.' };
}

/** Narrow a `T | SigV4Error` result; step results are plain objects, errors have a code and status. */
export function isSigV4Error(value: object): value is SigV4Error {
  return 'code' in value && 'status' in value && 'message' in value;
}
