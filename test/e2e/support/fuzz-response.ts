// Fuzz support: what every response must be, whatever the input: below 500 (but for
// NotImplemented on an action the registry lacks), AWS-shaped XML, a catalogued error code with its status, and
// nothing of the server's insides (stack frames, source paths).

import { ERROR_CATALOGUE, isErrorCode } from '../../../src/protocol/errors.js';
import { loadServiceModel, type ServiceName } from '../../../src/protocol/model/service-model.js';
import { findOperation } from '../../../src/services/registry.js';
import { IAM_XMLNS, parseErrorBody, STS_XMLNS } from '../../support/error-response.js';
import type { WireResponse } from '../../support/signed-request.js';

/** The modeled actions the registry has no operation for: the only ones allowed a 501 NotImplemented. */
export function unimplementedActions(): ReadonlySet<string> {
  return new Set(
    (['iam', 'sts'] as const).flatMap((service) =>
      Object.keys(loadServiceModel(service).operations)
        .filter((action) => findOperation(service, action) === undefined)
        .map((action) => `${service}:${action}`),
    ),
  );
}

const UNIMPLEMENTED = unimplementedActions();

const LEAKS: readonly [RegExp, string][] = [
  [/\n\s+at [^\n]*[(:]/, 'stack frame'],
  [/\bat (?:async )?[\w$.<>[\]]+ \([^)]*:\d+:\d+\)/, 'stack frame'],
  [/\.(?:ts|js|mjs|cjs):\d+/, 'source location'],
  [/\/work\//, 'internal path'],
  [/node_modules|node:internal/, 'internal path'],
  [/\b(?:TypeError|RangeError|ReferenceError|SyntaxError|SqliteError)\b/, 'JavaScript error name'],
  [/\bundefined\b|\[object Object\]|\bNaN\b/, 'unrendered value'],
];

export interface Verdict {
  /** The error code, or 'OK' for a success. */
  readonly outcome: string;
  readonly problems: readonly string[];
}

/** `unimplemented`: the actions allowed a 501 NotImplemented; by default, those the registry lacks. */
export function judge(service: ServiceName, action: string, res: WireResponse, sent: string, unimplemented: ReadonlySet<string> = UNIMPLEMENTED): Verdict {
  const problems: string[] = [];
  const xmlns = service === 'iam' ? IAM_XMLNS : STS_XMLNS;
  let outcome = 'OK';
  if (!/^text\/xml/.test(res.headers.get('content-type') ?? '')) problems.push(`content-type ${res.headers.get('content-type')}`);
  if (res.status >= 200 && res.status < 300) {
    const root = `${action}Response`;
    const shaped = new RegExp(`^(?:<\\?xml[^>]*\\?>\\s*)?<${root} xmlns="${xmlns.replace(/[./]/g, '\\$&')}">[\\s\\S]*<RequestId>[^<]+</RequestId>[\\s\\S]*</${root}>\\s*$`);
    if (!shaped.test(res.text)) problems.push(`success body is not <${root}>: ${res.text.slice(0, 200)}`);
  } else {
    const error = parseErrorBody(res.text);
    if (error === undefined) {
      problems.push(`status ${res.status} without an <ErrorResponse>: ${res.text.slice(0, 200)}`);
    } else {
      outcome = error.code;
      if (error.xmlns !== xmlns) problems.push(`error xmlns ${error.xmlns}`);
      if (!isErrorCode(error.code)) problems.push(`code ${error.code} is not in ERROR_CATALOGUE`);
      else {
        const spec = ERROR_CATALOGUE[error.code];
        if (spec.status !== res.status) problems.push(`${error.code} answered ${res.status}, catalogue says ${spec.status}`);
        if (spec.type !== error.type) problems.push(`${error.code} has Type ${error.type}`);
      }
      if (res.headers.get('x-amzn-requestid') !== error.requestId) problems.push('x-amzn-requestid differs from <RequestId>');
      if (error.message.trim() === '') problems.push('empty error message');
    }
  }
  if (res.status >= 500) {
    const allowed = res.status === 501 && outcome === 'NotImplemented' && unimplemented.has(`${service}:${action}`);
    if (!allowed) problems.push(`${res.status} ${outcome}: ${parseErrorBody(res.text)?.message ?? res.text.slice(0, 200)}`);
  } else if (outcome === 'NotImplemented') {
    problems.push(`NotImplemented with status ${res.status}`);
  }
  if (res.status === 501 && !unimplemented.has(`${service}:${action}`)) problems.push('501 for an action the registry implements');
  for (const [pattern, what] of LEAKS) {
    const match = pattern.exec(res.text);
    // A value the request itself carried may come back (a name, a document): that is no leak.
    if (match !== null && !sent.includes(match[0])) problems.push(`${what} in body: ${JSON.stringify(match[0])}`);
  }
  return { outcome, problems };
}
