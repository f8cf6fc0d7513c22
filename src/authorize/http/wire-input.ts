// Reading the API's JSON inputs into the decision core's types, refusing what does not fit.

import type { Check } from '../decide/decide-checks.js';
import { InvalidCheckError } from '../decide/decide-checks.js';
import type { ForwardedHeaders, ForwardedRequest } from '../verify/forwarded-request.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseBody(body: Buffer): Json {
  const value: unknown = JSON.parse(body.toString('utf8') || '{}');
  if (!isObject(value)) throw new InvalidCheckError('the request body must be a JSON object');
  return value;
}

function str(v: unknown, at: string, optional = false): string | undefined {
  if (v === undefined && optional) return undefined;
  if (typeof v !== 'string') throw new InvalidCheckError(`${at}: must be a string`);
  return v;
}

function headersOf(v: unknown): ForwardedHeaders {
  if (Array.isArray(v)) {
    return v.map((pair, i) => {
      if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') {
        throw new InvalidCheckError(`request.headers[${i}]: must be a [name, value] pair of strings`);
      }
      return [pair[0], pair[1]] as const;
    });
  }
  if (!isObject(v)) throw new InvalidCheckError('request.headers: must be an object or a list of [name, value] pairs');
  for (const [name, value] of Object.entries(v)) {
    if (typeof value !== 'string' && !(Array.isArray(value) && value.every((x) => typeof x === 'string'))) {
      throw new InvalidCheckError(`request.headers.${name}: must be a string or a list of strings`);
    }
  }
  return v as Record<string, string | string[]>;
}

export function forwardedRequestOf(v: unknown): ForwardedRequest {
  if (!isObject(v)) throw new InvalidCheckError('request: the client request is required');
  const payloadSha256 = str(v.payloadSha256, 'request.payloadSha256', true);
  if (payloadSha256 !== undefined && !/^[0-9a-fA-F]{64}$/.test(payloadSha256)) throw new InvalidCheckError('request.payloadSha256: must be a SHA-256 in hex');
  const body = str(v.body, 'request.body', true);
  if (typeof v.secure !== 'boolean') throw new InvalidCheckError('request.secure: must be a boolean');
  return {
    method: str(v.method, 'request.method') ?? 'GET',
    path: str(v.path, 'request.path') ?? '/',
    query: str(v.query, 'request.query', true) ?? '',
    headers: headersOf(v.headers),
    ...(payloadSha256 !== undefined && { payloadSha256 }),
    ...(body !== undefined && { body }),
    sourceIp: str(v.sourceIp, 'request.sourceIp') ?? '',
    secure: v.secure,
  };
}

export function checksOf(v: unknown): Check[] {
  if (!Array.isArray(v)) throw new InvalidCheckError('checks: must be a list');
  return v.map((c, i) => {
    if (!isObject(c)) throw new InvalidCheckError(`checks[${i}]: must be an object`);
    const context = c.context;
    if (context !== undefined && !isObject(context)) throw new InvalidCheckError(`checks[${i}].context: must be an object`);
    const resourcePolicy = c.resourcePolicy;
    return {
      action: str(c.action, `checks[${i}].action`) ?? '',
      resource: str(c.resource, `checks[${i}].resource`) ?? '',
      ...(context !== undefined && { context: context as Record<string, string | string[]> }),
      ...(resourcePolicy !== undefined && {
        resourcePolicy: typeof resourcePolicy === 'string' ? resourcePolicy : JSON.stringify(resourcePolicy),
      }),
      ...(c.resourceAccount !== undefined && { resourceAccount: str(c.resourceAccount, `checks[${i}].resourceAccount`) ?? '' }),
      ...(c.correlationId !== undefined && { correlationId: str(c.correlationId, `checks[${i}].correlationId`) ?? '' }),
    };
  });
}

export function generationOf(v: unknown): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw new InvalidCheckError('atLeastGeneration: must be a non-negative integer');
  return v;
}
