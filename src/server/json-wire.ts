// The JSON 1.1 services on the endpoint (CloudTrail, EventBridge): one POST whose
// X-Amz-Target names the operation, a JSON body, JSON answers and errors as
// `{"__type": ..., "message": ...}`. Errors raised in the IAM vocabulary (SigV4 failures,
// the engine's AccessDenied) are answered with the codes these services use.

import { IamError, toIamError } from '../protocol/errors.js';
import { decodeJsonInput, parseJsonBody, readJsonInput } from '../protocol/json/decode.js';
import { findOperation } from '../services/registry.js';
import { encodeJsonOutput } from '../protocol/json/encode.js';
import { JsonServiceError } from '../protocol/json/json-error.js';
import { loadJsonServiceModel, operationForTarget, type JsonServiceName } from '../protocol/model/json-models.js';
import type { RawRequest, RawResponse, Wire } from './pipeline.js';
import { firstHeader } from './pipeline.js';

export const JSON_CONTENT_TYPE = 'application/x-amz-json-1.1';

/** IAM's codes -> the JSON services' codes and statuses for the same failure. */
const JSON_CODES: Readonly<Record<string, readonly [string, number]>> = {
  AccessDenied: ['AccessDeniedException', 400],
  InvalidClientTokenId: ['UnrecognizedClientException', 400],
  SignatureDoesNotMatch: ['InvalidSignatureException', 400],
  IncompleteSignature: ['IncompleteSignatureException', 400],
  MissingAuthenticationToken: ['MissingAuthenticationTokenException', 403],
  RequestExpired: ['InvalidSignatureException', 400],
  ExpiredToken: ['ExpiredTokenException', 400],
  ValidationError: ['ValidationException', 400],
  InvalidInput: ['ValidationException', 400],
  NotImplemented: ['UnknownOperationException', 400],
  Throttling: ['ThrottlingException', 400],
  ServiceUnavailable: ['ServiceUnavailableException', 503],
};

/** A target no JSON 1.1 operation on the endpoint has. */
export function unknownOperation(target: string): JsonServiceError {
  return new JsonServiceError('UnknownOperationException', `The operation ${target} is not supported by this service.`);
}

export function asJsonError(error: unknown): JsonServiceError {
  if (error instanceof JsonServiceError) return error;
  const iamError = error instanceof IamError ? error : toIamError(error);
  if (iamError.code === 'InternalFailure') return new JsonServiceError('InternalFailure', iamError.message, 500);
  const mapped = JSON_CODES[iamError.code];
  return mapped === undefined ? new JsonServiceError(iamError.code, iamError.message, iamError.status) : new JsonServiceError(mapped[0], iamError.message, mapped[1]);
}

/** The JSON 1.1 service a request's X-Amz-Target names, or undefined when none does. */
export function jsonServiceOf(req: RawRequest): JsonServiceName | undefined {
  const target = firstHeader(req.headers['x-amz-target']);
  return target === undefined ? undefined : operationForTarget(target)?.service;
}

export function jsonWire(req: RawRequest, service: JsonServiceName): Wire {
  const model = loadJsonServiceModel(service);
  const target = firstHeader(req.headers['x-amz-target']) ?? '';
  const found = operationForTarget(target);
  const signingName = model.metadata.signingName ?? model.metadata.endpointPrefix ?? service;
  const reply = (status: number, body: string, requestId: string, extra: Record<string, string> = {}): RawResponse => ({
    status,
    headers: { 'content-type': JSON_CONTENT_TYPE, 'x-amzn-requestid': requestId, ...extra },
    body,
  });
  return {
    service: signingName,
    model,
    namedAction: found?.operation.name,
    scopeServices: [signingName],
    unsigned: false,
    decode() {
      if (found === undefined) throw unknownOperation(target);
      const action = found.operation.name;
      const body = req.body.toString('utf8');
      // An operation that checks its own constraints answers them with its service's codes.
      if (findOperation(signingName, action)?.validatesInput === true && found.operation.input !== undefined) {
        return { action, input: readJsonInput(model, found.operation.input, parseJsonBody(body)) };
      }
      return { action, input: decodeJsonInput(model, found.operation.input, body) };
    },
    result(call, output, requestId) {
      const operation = model.operations[call.action];
      return reply(200, encodeJsonOutput(model, operation?.output, output), requestId);
    },
    error(error, requestId) {
      const json = asJsonError(error);
      return reply(json.status, json.body(), requestId, { 'x-amzn-errortype': json.code });
    },
    describeError(error) {
      const json = asJsonError(error);
      return { code: json.code, message: json.message };
    },
  };
}
