// The REST-JSON wire (IAM Access Analyzer): the operation from method + path through the model's
// http traits, input from path labels, query string, headers and JSON body, answers as JSON, errors
// with `x-amzn-errortype` and AWS's members (ValidationException's reason and fieldList). The rest of
// a request's life is the shared pipeline (pipeline.ts).

import { loadRestJsonServiceModel } from '../protocol/model/json-models.js';
import { decodeRestJsonInput, encodeRestJsonOutput } from '../protocol/rest-json/codec.js';
import { asRestJsonError, validationException } from '../protocol/rest-json/rest-json-error.js';
import { matchRoute } from '../protocol/rest-json/routes.js';
import type { RawRequest, RawResponse, Wire } from './pipeline.js';
import { firstHeader } from './pipeline.js';

export const ACCESS_ANALYZER_SIGNING_NAME = 'access-analyzer';

export function restJsonWire(req: RawRequest): Wire {
  const model = loadRestJsonServiceModel('accessanalyzer');
  const q = req.url.indexOf('?');
  const path = q < 0 ? req.url : req.url.slice(0, q);
  const rawQuery = q < 0 ? '' : req.url.slice(q + 1);
  const matched = matchRoute(model, req.method, path);
  const reply = (status: number, body: string, requestId: string, extra: Record<string, string> = {}): RawResponse => ({
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId, ...extra },
    body,
  });
  return {
    service: ACCESS_ANALYZER_SIGNING_NAME,
    model,
    namedAction: matched?.route.operation.name,
    scopeServices: [ACCESS_ANALYZER_SIGNING_NAME],
    unsigned: false,
    decode() {
      if (matched === undefined) throw validationException(`No operation answers ${req.method} ${path}.`, 'unknownOperation');
      const headers: Record<string, string | undefined> = {};
      for (const [k, v] of Object.entries(req.headers)) headers[k.toLowerCase()] = firstHeader(v as string | string[] | undefined);
      const operation = matched.route.operation;
      const input = decodeRestJsonInput(model, operation.input, { labels: matched.labels, query: new URLSearchParams(rawQuery), headers, body: req.body.toString('utf8') });
      return { action: operation.name, input };
    },
    result(call, output, requestId) {
      const operation = model.operations[call.action];
      return reply(operation?.responseCode ?? 200, encodeRestJsonOutput(model, operation?.output, output), requestId);
    },
    error(error, requestId) {
      const json = asRestJsonError(error);
      return reply(json.status, JSON.stringify({ message: json.message, ...json.fields }), requestId, { 'x-amzn-errortype': json.code });
    },
    describeError(error) {
      const json = asRestJsonError(error);
      return { code: json.code, message: json.message };
    },
  };
}
