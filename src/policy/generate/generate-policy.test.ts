// The generator on its own: resources per action (known, placeholder, `*`), iam:PassRole never
// on `*`, statements grouped by resource list, service-level templates, and splitting at AWS's
// 6,144-character limit without losing or adding an action (property test).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generatePolicies, generatedStatements, placeholderArn, resourcesFor, type UsedAction } from './generate-policy.js';

const ROLE_FORMAT = placeholderArn('arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}');
const USER_FORMAT = placeholderArn('arn:${Partition}:iam::${Account}:user/${UserNameWithPath}');

describe('resourcesFor', () => {
  it('names the resources every use named, sorted and once each', () => {
    const used: UsedAction = { action: 'iam:GetUser', resourceLevel: true, resources: ['arn:aws:iam::1:user/b', 'arn:aws:iam::1:user/a', 'arn:aws:iam::1:user/b'], placeholder: USER_FORMAT };
    expect(resourcesFor(used, { includeResourcePlaceholders: false })).toEqual(['arn:aws:iam::1:user/a', 'arn:aws:iam::1:user/b']);
  });

  it('uses the placeholder only when asked, else `*`, when the resources are not known', () => {
    const used: UsedAction = { action: 'iam:GetUser', resourceLevel: true, resources: undefined, placeholder: USER_FORMAT };
    expect(resourcesFor(used, { includeResourcePlaceholders: false })).toEqual(['*']);
    expect(resourcesFor(used, { includeResourcePlaceholders: true })).toEqual(['arn:aws:iam::${Account}:user/${UserNameWithPath}']);
  });

  it('falls back when one action used too many resources', () => {
    const resources = Array.from({ length: 11 }, (_, i) => `arn:aws:iam::1:user/u${i}`);
    const used: UsedAction = { action: 'iam:GetUser', resourceLevel: true, resources, placeholder: USER_FORMAT };
    expect(resourcesFor(used, { includeResourcePlaceholders: false })).toEqual(['*']);
    expect(resourcesFor(used, { includeResourcePlaceholders: false, maxResources: 11 })).toHaveLength(11);
  });

  it('never grants iam:PassRole on every role', () => {
    const used: UsedAction = { action: 'iam:PassRole', resourceLevel: true, resources: undefined, placeholder: ROLE_FORMAT };
    expect(resourcesFor(used, { includeResourcePlaceholders: false })).toEqual(['arn:aws:iam::${Account}:role/${RoleNameWithPath}']);
    const known: UsedAction = { ...used, resources: ['arn:aws:iam::1:role/app'] };
    expect(resourcesFor(known, { includeResourcePlaceholders: false })).toEqual(['arn:aws:iam::1:role/app']);
  });

  it('gives `*` to actions without resource types', () => {
    expect(resourcesFor({ action: 'iam:ListUsers', resourceLevel: false, resources: undefined }, { includeResourcePlaceholders: true })).toEqual(['*']);
  });
});

describe('generatedStatements', () => {
  it('groups actions by resource list, `*` first, and adds the service-level template last', () => {
    const statements = generatedStatements(
      [
        { action: 'iam:GetUser', resourceLevel: true, resources: ['arn:aws:iam::1:user/a'], placeholder: USER_FORMAT },
        { action: 'iam:TagUser', resourceLevel: true, resources: ['arn:aws:iam::1:user/a'], placeholder: USER_FORMAT },
        { action: 'iam:ListUsers', resourceLevel: false, resources: undefined },
        { action: 'sts:GetCallerIdentity', resourceLevel: false, resources: undefined },
      ],
      { includeResourcePlaceholders: false, serviceLevel: ['events'] },
    );
    expect(statements).toEqual([
      { Sid: 'SupportedServiceSid0', Effect: 'Allow', Action: ['iam:ListUsers', 'sts:GetCallerIdentity'], Resource: '*' },
      { Sid: 'SupportedServiceSid1', Effect: 'Allow', Action: ['iam:GetUser', 'iam:TagUser'], Resource: 'arn:aws:iam::1:user/a' },
      { Sid: 'SupportedServiceSid2', Effect: 'Allow', Action: 'events:*', Resource: '*' },
    ]);
  });

  it('makes no policy from no activity', () => {
    expect(generatePolicies([], { includeResourcePlaceholders: false })).toEqual([]);
  });
});

describe('generatePolicies', () => {
  const action = fc.stringMatching(/^[A-Z][a-zA-Z]{2,40}$/).map((n) => `svc:${n}`);
  const used = fc.record({
    action,
    resourceLevel: fc.boolean(),
    resources: fc.option(fc.array(fc.stringMatching(/^[a-z]{1,60}$/).map((r) => `arn:aws:svc:::r/${r}`), { minLength: 1, maxLength: 12 }), { nil: undefined }),
    placeholder: fc.constant('arn:aws:svc:::r/${Name}'),
  });

  it('keeps every policy within the limit and grants each action on exactly its resources', () => {
    fc.assert(
      fc.property(fc.uniqueArray(used, { selector: (u) => u.action.toLowerCase(), maxLength: 300 }), fc.integer({ min: 1500, max: 6144 }), (actions, max) => {
        const options = { includeResourcePlaceholders: true, maxLength: max };
        const policies = generatePolicies(actions, options);
        const granted = new Map<string, Set<string>>();
        for (const text of policies) {
          expect(text.length).toBeLessThanOrEqual(max);
          for (const s of (JSON.parse(text) as { Statement: { Action: string | string[]; Resource: string | string[] }[] }).Statement) {
            for (const a of [s.Action].flat()) {
              const set = granted.get(a) ?? new Set<string>();
              for (const r of [s.Resource].flat()) set.add(r);
              granted.set(a, set);
            }
          }
        }
        expect([...granted.keys()].sort()).toEqual(actions.map((a) => a.action).sort());
        for (const a of actions) expect([...(granted.get(a.action) ?? [])].sort()).toEqual([...resourcesFor(a, options)].sort());
      }),
      { numRuns: 60 },
    );
  });
});
