// The credential scope (`AKID/YYYYMMDD/region/service/aws4_request`): parsing,
// AWS's scope checks, and a cheap service peek used to route before verifying.

import { incompleteSignature, signatureDoesNotMatch, type SigV4Error } from './errors.js';
import { firstHeader, type SigV4Headers } from './request.js';
import { percentDecode } from './uri-encode.js';

export const SCOPE_TERMINATOR = 'aws4_request';

export interface CredentialScope {
  readonly accessKeyId: string;
  /** `YYYYMMDD` */
  readonly date: string;
  readonly region: string;
  readonly service: string;
  readonly terminator: string;
  /** `date/region/service/terminator`, as it goes into the string to sign. */
  readonly scope: string;
}

export function parseCredential(credential: string): CredentialScope | SigV4Error {
  const parts = credential.split('/');
  const [accessKeyId, date, region, service, terminator] = parts;
  if (
    parts.length !== 5 ||
    accessKeyId === undefined ||
    date === undefined ||
    region === undefined ||
    service === undefined ||
    terminator === undefined
  ) {
    return incompleteSignature(
      'Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term,' +
        ` got '${credential}'`,
    );
  }
  return { accessKeyId, date, region, service, terminator, scope: `${date}/${region}/${service}/${terminator}` };
}

export interface ScopeRules {
  /** Services this endpoint answers for; the first one is named in the error. */
  readonly services: readonly string[];
  /** Accepted regions; when absent any well-formed region name is accepted. */
  readonly regions?: readonly string[];
}

const REGION_NAME = /^[a-z0-9][a-z0-9-]*$/;

/**
 * AWS's scope checks; every failed check adds its sentence and the result is
 * one SignatureDoesNotMatch, as AWS reports it.
 */
export function checkScope(scope: CredentialScope, requestAmzDate: string, rules: ScopeRules): SigV4Error | undefined {
  const problems: string[] = [];
  const regionOk =
    rules.regions === undefined ? REGION_NAME.test(scope.region) : rules.regions.includes(scope.region);
  if (!regionOk) {
    problems.push(`Credential should be scoped to a valid region, not '${scope.region}'.`);
  }
  if (!rules.services.includes(scope.service)) {
    problems.push(`Credential should be scoped to correct service: '${rules.services[0] ?? ''}'.`);
  }
  if (scope.terminator !== SCOPE_TERMINATOR) {
    problems.push(
      `Credential should be scoped with a valid terminator: '${SCOPE_TERMINATOR}', not '${scope.terminator}'.`,
    );
  }
  const requestDay = requestAmzDate.slice(0, 8);
  if (scope.date !== requestDay) {
    problems.push(
      'Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: ' +
        `'${scope.date}' != '${requestDay}', from '${requestAmzDate}'.`,
    );
  }
  return problems.length === 0 ? undefined : signatureDoesNotMatch(problems.join(' '));
}

const HEADER_CREDENTIAL = /(?:^|[\s,])Credential=([^,\s]*)/;
const QUERY_CREDENTIAL = /(?:^|&)X-Amz-Credential=([^&]*)/;

/**
 * The service named in the credential scope of the `Authorization` header or the
 * `X-Amz-Credential` query parameter, without verifying anything. For routing only.
 */
export function credentialScopeService(headers: SigV4Headers, query: string): string | undefined {
  const authorization = firstHeader(headers, 'authorization');
  let credential: string | undefined;
  if (authorization !== undefined) {
    credential = HEADER_CREDENTIAL.exec(authorization)?.[1];
  } else {
    const raw = QUERY_CREDENTIAL.exec(query)?.[1];
    credential = raw === undefined ? undefined : percentDecode(raw, { plusAsSpace: true });
  }
  const service = credential?.split('/')[3];
  return service === undefined || service === '' ? undefined : service;
}
