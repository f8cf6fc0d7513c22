import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parsePolicy } from '../../../policy/document/parse-policy.js';
import type { PolicyDocument } from '../../../policy/document/types.js';
import { documentGrantsService, type ServiceActions } from './grants-service.js';

function parsed(statement: object): PolicyDocument {
  const result = parsePolicy(JSON.stringify({ Version: '2012-10-17', Statement: statement }), { kind: 'identity' });
  if (!result.ok) throw new Error(result.message);
  return result.document;
}

const S3: ServiceActions = { namespace: 's3', actions: ['GetObject', 'PutObject', 'ListBucket'] };
const allow = (field: 'Action' | 'NotAction', value: string | string[]): PolicyDocument =>
  parsed({ Effect: 'Allow', [field]: value, Resource: '*' });

describe('documentGrantsService', () => {
  it('matches Action patterns against the service actions, case-insensitively', () => {
    expect(documentGrantsService(allow('Action', '*'), S3)).toBe(true);
    expect(documentGrantsService(allow('Action', 'S3:get*'), S3)).toBe(true);
    expect(documentGrantsService(allow('Action', '*:List*'), S3)).toBe(true);
    expect(documentGrantsService(allow('Action', 's3:NoSuchAction'), S3)).toBe(false);
    expect(documentGrantsService(allow('Action', 'iam:*'), S3)).toBe(false);
  });

  it('grants through NotAction when some service action escapes it', () => {
    expect(documentGrantsService(allow('NotAction', 's3:*'), S3)).toBe(false);
    expect(documentGrantsService(allow('NotAction', 's3:Get*'), S3)).toBe(true);
    expect(documentGrantsService(allow('NotAction', 'iam:*'), S3)).toBe(true);
  });

  it('ignores Deny statements', () => {
    expect(documentGrantsService(parsed({ Effect: 'Deny', Action: 's3:*', Resource: '*' }), S3)).toBe(false);
  });

  it('for a service it does not know, judges by the service part of the pattern', () => {
    const unknown: ServiceActions = { namespace: 'newsvc' };
    expect(documentGrantsService(allow('Action', 'newsvc:Do*'), unknown)).toBe(true);
    expect(documentGrantsService(allow('Action', 'other:Do*'), unknown)).toBe(false);
    expect(documentGrantsService(allow('NotAction', 'newsvc:*'), unknown)).toBe(false);
    expect(documentGrantsService(allow('NotAction', 'newsvc:Do'), unknown)).toBe(true);
  });

  it('an action always grants itself; NotAction of it grants exactly when another action remains', () => {
    const name = fc.stringMatching(/^[A-Z][A-Za-z]{0,11}$/);
    fc.assert(
      fc.property(fc.uniqueArray(name, { minLength: 1, maxLength: 6, selector: (a) => a.toLowerCase() }), fc.nat(), (actions, pick) => {
        const service: ServiceActions = { namespace: 'svc', actions };
        const chosen = actions[pick % actions.length] ?? '';
        expect(documentGrantsService(allow('Action', `svc:${chosen}`), service)).toBe(true);
        expect(documentGrantsService(allow('NotAction', `svc:${chosen}`), service)).toBe(actions.length > 1);
      }),
    );
  });
});
