// Access Analyzer's errors on the wire: the model's status, `x-amzn-errortype` naming the code,
// and a JSON body with `message` and the shape's other members (ValidationException's `reason`
// and `fieldList`, ResourceNotFoundException's `resourceId` and `resourceType`). Failures raised in
// IAM's vocabulary (SigV4, the engine's AccessDenied) become the codes REST services answer with.

import { IamError, toIamError } from '../errors.js';
import { JsonServiceError } from '../json/json-error.js';
import type { Violation } from '../query/violation.js';
import { formatViolation, validationMessage } from '../query/violation.js';

const REST_CODES: Readonly<Record<string, readonly [string, number]>> = {
  AccessDenied: ['AccessDeniedException', 403],
  InvalidClientTokenId: ['UnrecognizedClientException', 403],
  SignatureDoesNotMatch: ['InvalidSignatureException', 403],
  IncompleteSignature: ['IncompleteSignatureException', 403],
  MissingAuthenticationToken: ['MissingAuthenticationTokenException', 403],
  RequestExpired: ['InvalidSignatureException', 403],
  ExpiredToken: ['ExpiredTokenException', 403],
  Throttling: ['ThrottlingException', 429],
  ServiceUnavailable: ['ServiceUnavailableException', 503],
};

export function validationException(message: string, reason: 'unknownOperation' | 'cannotParse' | 'fieldValidationFailed' | 'other' | 'notSupported', fieldList?: readonly { name: string; message: string }[]): JsonServiceError {
  return new JsonServiceError('ValidationException', message, 400, { reason, ...(fieldList !== undefined && { fieldList }) });
}

/** The model's constraint failures as AWS's ValidationException, one fieldList entry per member. */
export function fieldValidationFailed(violations: readonly Violation[]): JsonServiceError {
  return validationException(
    validationMessage(violations),
    'fieldValidationFailed',
    violations.map((v) => ({ name: v.path, message: formatViolation(v) })),
  );
}

export function asRestJsonError(error: unknown): JsonServiceError {
  if (error instanceof JsonServiceError) {
    // The JSON readers' type mismatches are ValidationExceptions in REST-JSON.
    return error.code === 'SerializationException' ? validationException(error.message, 'cannotParse') : error;
  }
  const iamError = error instanceof IamError ? error : toIamError(error);
  if (iamError.code === 'InternalFailure') return new JsonServiceError('InternalServerException', iamError.message, 500);
  if (iamError.code === 'NotImplemented') return validationException(iamError.message, 'notSupported');
  const mapped = REST_CODES[iamError.code];
  if (mapped !== undefined) return new JsonServiceError(mapped[0], iamError.message, mapped[1]);
  return validationException(iamError.message, 'other');
}
