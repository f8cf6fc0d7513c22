// Decodes an AWS Query request (form body or query string) into the operation
// it names and its input, validated against the service model as AWS does.
import { IamError, invalidActionError } from '../errors.js';
import type { OperationModel, ServiceModel } from '../model/service-model.js';
import type { WireObject } from '../wire-value.js';
import { decodeStructure } from './decode-shape.js';
import { IAM_PATTERN_MESSAGES } from './iam-pattern-messages.js';
import { buildParamTree } from './param-tree.js';
import { validateInput } from './validate.js';
import { validationMessage } from './violation.js';

export type DecodeQueryResult =
  | { ok: true; operation: OperationModel; input: WireObject }
  | { ok: false; error: IamError };

export interface DecodeQueryOptions {
  /** Check the model's constraints (default true); off only to inspect raw input. */
  validate?: boolean;
}

export function decodeQueryRequest(
  params: URLSearchParams,
  model: ServiceModel,
  options: DecodeQueryOptions = {},
): DecodeQueryResult {
  // A repeated Action or Version counts by its first occurrence, as in AWS.
  const action = params.get('Action');
  if (action === null) return { ok: false, error: new IamError('MissingAction', 'Missing Action') };
  const version = params.get('Version') ?? undefined;
  const operation = Object.hasOwn(model.operations, action) ? model.operations[action] : undefined;
  if (operation === undefined || version !== model.metadata.apiVersion) {
    return { ok: false, error: invalidActionError(action, version) };
  }
  if (operation.input === undefined) return { ok: true, operation, input: {} };

  const decoded = decodeStructure(model, operation.input, buildParamTree(params));
  if (!decoded.ok) return { ok: false, error: new IamError('MalformedInput', decoded.malformed) };
  if (options.validate === false) return { ok: true, operation, input: decoded.value };

  const result = validateInput(model, operation.input, decoded.value, {
    patternMessages: model.metadata.endpointPrefix === 'iam' ? IAM_PATTERN_MESSAGES : undefined,
  });
  if (result.overrideMessage !== undefined) {
    return { ok: false, error: new IamError('ValidationError', result.overrideMessage) };
  }
  if (result.violations.length > 0) {
    return { ok: false, error: new IamError('ValidationError', validationMessage(result.violations)) };
  }
  return { ok: true, operation, input: decoded.value };
}
