// Answers of the authorization API: JSON bodies, and errors in the REST-JSON shape AWS SDKs
// read (`x-amzn-errortype` and `{"__type", "message"}`), never a 500 for bad input. The codes and
// statuses are the error catalogue's (src/protocol/errors.ts).

import { IamError, toIamError } from '../../protocol/errors.js';
import { JsonServiceError } from '../../protocol/json/json-error.js';
import { InvalidDefinitionError } from '../definition-store.js';
import { keywardError } from './authorize-errors.js';

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

/** The error a request failed with, as the API answers it. */
export function failureAnswer(error: unknown): JsonAnswer {
  if (error instanceof JsonServiceError) return errorAnswer(error.code, error.status, error.message, { ...error.fields });
  const converted = keywardError(error);
  const iam = converted instanceof IamError ? converted : toIamError(converted);
  const extra = iam.cause instanceof InvalidDefinitionError ? { problems: iam.cause.problems } : {};
  return errorAnswer(iam.code, iam.status, iam.message, extra, iam.headers === undefined ? {} : { ...iam.headers });
}
