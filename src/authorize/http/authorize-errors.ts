// The authorization API's failures in the one error catalogue's terms (src/protocol/errors.ts):
// the decision core's own errors become IamErrors with the catalogued code and status, so the
// request pipeline answers and records them like any other service's.

import { IamError } from '../../protocol/errors.js';
import { EntityAlreadyExistsError } from '../../storage/errors.js';
import { UnknownServiceError } from '../authorize-request.js';
import { InvalidCheckError } from '../decide/decide-checks.js';
import { InvalidDefinitionError } from '../definition-store.js';

export function notFound(prefix: string): IamError {
  return new IamError('NoSuchEntity', `The service definition ${prefix} cannot be found.`);
}

export function alreadyExists(key: string): IamError {
  return new IamError('EntityAlreadyExists', `A service definition with the prefix or signing name ${key} already exists.`);
}

/** `error` as the catalogued IamError the API answers with; anything unexpected is left for the pipeline (InternalFailure). */
export function keywardError(error: unknown): unknown {
  if (error instanceof IamError) return error;
  // The problems (with their JSON paths) travel as the cause; the wire adds them to the body.
  if (error instanceof InvalidDefinitionError) return new IamError('MalformedServiceDefinition', error.message, { cause: error });
  if (error instanceof InvalidCheckError) return new IamError('ValidationError', error.message);
  if (error instanceof UnknownServiceError) return new IamError('NoSuchEntity', error.message);
  if (error instanceof EntityAlreadyExistsError) return alreadyExists(error.key);
  if (error instanceof SyntaxError) return new IamError('SerializationException', 'The request body is not valid JSON.');
  return error;
}
