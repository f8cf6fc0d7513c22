// Answers of the authorization API: JSON bodies, and errors in the REST-JSON shape AWS SDKs
// read (`x-amzn-errortype` and `{"__type", "message"}`), never a 500 for bad input.

import { IamError, toIamError } from '../../protocol/errors.js';
import { EntityAlreadyExistsError } from '../../storage/errors.js';
import { UnknownServiceError } from '../authorize-request.js';
import { InvalidCheckError } from '../decide/decide-checks.js';
import { InvalidDefinitionError } from '../definition-store.js';

export interface JsonAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export const JSON_TYPE = 'application/json';

export function jsonAnswer(status: number, value: unknown, headers: Record<string, string> = {}): JsonAnswer {
  return { status, headers: { 'content-type': JSON_TYPE, ...headers }, body: JSON.stringify(value) };
}

export function errorAnswer(code: string, status: number, message: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): JsonAnswer {
  return jsonAnswer(status, { __type: code, message, ...extra }, { 'x-amzn-errortype': code, ...headers });
}

/** The error a request failed with, as the API answers it; `log` hears of internal failures only. */
export function failureAnswer(error: unknown, log: (error: unknown) => void): JsonAnswer {
  if (error instanceof InvalidDefinitionError) {
    return errorAnswer('MalformedServiceDefinition', 400, error.message, { problems: error.problems });
  }
  if (error instanceof InvalidCheckError) return errorAnswer('ValidationError', 400, error.message);
  if (error instanceof UnknownServiceError) return errorAnswer('NoSuchEntity', 404, error.message);
  if (error instanceof EntityAlreadyExistsError) {
    return errorAnswer('EntityAlreadyExists', 409, `A service definition with the prefix or signing name ${error.key} already exists.`);
  }
  if (error instanceof SyntaxError) return errorAnswer('SerializationException', 400, 'The request body is not valid JSON.');
  const iam = error instanceof IamError ? error : toIamError(error);
  if (iam.code === 'InternalFailure') log(error);
  return errorAnswer(iam.code, iam.status, iam.message, {}, iam.headers === undefined ? {} : { ...iam.headers });
}
