// IAM and STS on the Query protocol: a form body (or query string) naming Action and Version,
// answered with AWS-shaped XML. The service comes from the credential scope, else from the
// Version; the rest of the request's life is the shared pipeline (pipeline.ts).

import { credentialScopeService } from '../auth/sigv4/index.js';
import { IamError, toIamError } from '../protocol/errors.js';
import { loadServiceModel, serviceForApiVersion, type ServiceName } from '../protocol/model/service-model.js';
import { decodeQueryRequest } from '../protocol/query/decode.js';
import { encodeError, encodeResult, XML_CONTENT_TYPE } from '../protocol/xml/encode.js';
import type { ServerDeps } from './deps.js';
import { runCall, type RawRequest, type RawResponse, type RequestInfo, type Wire } from './pipeline.js';
import { isUnsignedFederationCall } from './unsigned-federation.js';

export type { RawRequest, RawResponse, RequestInfo } from './pipeline.js';

export async function handleRequest(deps: ServerDeps, req: RawRequest, info?: (info: RequestInfo) => void): Promise<RawResponse> {
  return runCall(deps, req, queryWire(req), info);
}

export function queryWire(req: RawRequest): Wire {
  const q = req.url.indexOf('?');
  const rawQuery = q < 0 ? '' : req.url.slice(q + 1);
  // A form POST (no query string, the SDKs' way) is read once, straight from its body.
  const form = req.method === 'POST' ? req.body.toString('utf8') : '';
  const params = new URLSearchParams(rawQuery === '' ? form : rawQuery);
  if (rawQuery !== '' && form !== '') for (const [k, v] of new URLSearchParams(form)) params.append(k, v);
  const scoped = credentialScopeService(req.headers, rawQuery);
  const service: ServiceName = scoped === 'sts' || scoped === 'iam' ? scoped : (serviceForApiVersion(params.get('Version')) ?? 'iam');
  const model = loadServiceModel(service);
  const reply = (status: number, body: string, requestId: string): RawResponse => ({
    status,
    headers: { 'content-type': XML_CONTENT_TYPE, 'x-amzn-requestid': requestId },
    body,
  });
  const asIamError = (error: unknown): IamError => (error instanceof IamError ? error : toIamError(error));
  return {
    service,
    model,
    namedAction: params.get('Action') ?? undefined,
    scopeServices: ['iam', 'sts'],
    // AssumeRoleWithWebIdentity and AssumeRoleWithSAML may come unsigned, as in AWS.
    unsigned: isUnsignedFederationCall(service, params.get('Action'), req.headers, rawQuery),
    decode() {
      // The signature covers every value of a repeated name but decoding reads one: refuse the ambiguity.
      const duplicate = firstDuplicateName(params);
      if (duplicate !== undefined) throw new IamError('ValidationError', `The parameter ${duplicate} appears more than once.`);
      const decoded = decodeQueryRequest(params, model);
      if (!decoded.ok) throw decoded.error;
      return { action: decoded.operation.name, input: decoded.input };
    },
    result(call, output, requestId) {
      const operation = model.operations[call.action];
      if (operation === undefined) throw new Error(`no model for ${call.action}`);
      return reply(200, encodeResult(model, operation, output, requestId), requestId);
    },
    error(error, requestId) {
      const iamError = asIamError(error);
      const res = reply(iamError.status, encodeError(model, iamError, requestId), requestId);
      // An AccessDenied's sealed authorization message goes out beside the unchanged AWS body.
      return iamError.headers === undefined ? res : { ...res, headers: { ...iamError.headers, ...res.headers } };
    },
    describeError(error) {
      const iamError = asIamError(error);
      return { code: iamError.code, message: iamError.message };
    },
  };
}

function firstDuplicateName(params: URLSearchParams): string | undefined {
  const seen = new Set<string>();
  for (const name of params.keys()) {
    if (seen.has(name)) return name;
    seen.add(name);
  }
  return undefined;
}
