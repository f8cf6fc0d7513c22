import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parsePolicy } from '../../../policy/document/parse-policy.js';
import type { PolicyDocument } from '../../../policy/document/types.js';
import { allowedActions, allowedServices, candidateNamespaces } from './services.js';

function doc(...statements: object[]): PolicyDocument {
  const result = parsePolicy(JSON.stringify({ Version: '2012-10-17', Statement: statements }), { kind: 'identity' });
  if (!result.ok) throw new Error(result.message);
  return result.document;
}
const allow = (field: 'Action' | 'NotAction', value: string | string[]): object => ({ Effect: 'Allow', [field]: value, Resource: '*' });

const ALL = ['iam', 'iot', 'iotevents', 's3', 's3-object-lambda', 'sts'];

describe('candidateNamespaces', () => {
  it('keeps only the services named by Allow statements, case-insensitively', () => {
    expect(candidateNamespaces([doc(allow('Action', ['s3:GetObject', 'IAM:Get*']))], ALL)).toEqual(['iam', 's3']);
    expect(candidateNamespaces([doc({ Effect: 'Deny', Action: 'sts:*', Resource: '*' })], ALL)).toEqual([]);
  });

  it('checks every service when an Allow statement uses NotAction or "*"', () => {
    expect(candidateNamespaces([doc(allow('NotAction', 'iam:*'))], ALL)).toEqual(ALL);
    expect(candidateNamespaces([doc(allow('Action', '*'))], ALL)).toEqual(ALL);
  });

  it('is exactly the named namespaces, whatever the action part (property)', () => {
    const action = fc.tuple(fc.constantFrom(...ALL), fc.stringMatching(/^[A-Za-z*?]{1,12}$/));
    fc.assert(
      fc.property(fc.array(action, { minLength: 1, maxLength: 4 }), (actions) => {
        const named = [...new Set(actions.map(([ns]) => ns))].sort();
        expect(candidateNamespaces([doc(allow('Action', actions.map(([ns, a]) => `${ns}:${a}`)))], ALL)).toEqual(named);
      }),
    );
  });
});

describe('allowedServices and allowedActions', () => {
  it('lists the services an Allow grants some action of, with their names', async () => {
    const services = await allowedServices([doc(allow('Action', ['iam:GetUser', 's3:GetObject', 'nosuch:Thing']))]);
    expect(services.map((s) => s.namespace)).toEqual(['iam', 's3']);
    expect(services[0]?.name).toMatch(/Identity and Access Management/);
  });

  it('leaves out a service whose every action NotAction excludes', async () => {
    const services = await allowedServices([doc(allow('NotAction', ['iam:*', 'sts:*']))]);
    const names = services.map((s) => s.namespace);
    expect(names).not.toContain('iam');
    expect(names).not.toContain('sts');
    expect(names).toContain('s3');
  });

  it('lists the allowed actions of a service as the reference spells them', async () => {
    const actions = await allowedActions([doc(allow('Action', ['iam:getuser', 'iam:ListUser*']))], 'iam');
    expect(actions).toEqual(['GetUser', 'ListUserPolicies', 'ListUserTags', 'ListUsers']);
  });
});
