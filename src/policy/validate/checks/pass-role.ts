// iam:PassRole and iam:CreateServiceLinkedRole granted too widely: with `*` (or NotResource) as
// the resource, reached through a literal action, a wildcard action or NotAction.

import { compileWildcard } from '../../match/wildcard.js';
import type { IssueCode } from '../issue-catalogue.js';
import type { Check, CheckContext } from '../context.js';
import type { Located, LocatedString } from '../located.js';
import type { StatementView } from '../policy-view.js';

interface Family {
  readonly action: string;
  readonly conditionKey?: string;
  readonly codes: {
    readonly starResource: IssueCode;
    readonly starActionAndResource: IssueCode;
    readonly starResourceAndNotAction: IssueCode;
    readonly notResource: IssueCode;
    readonly starActionAndNotResource: IssueCode;
    readonly notActionAndNotResource: IssueCode;
  };
}

const FAMILIES: readonly Family[] = [
  {
    action: 'iam:PassRole',
    conditionKey: 'iam:passedtoservice',
    codes: {
      starResource: 'PASS_ROLE_WITH_STAR_IN_RESOURCE',
      starActionAndResource: 'PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE',
      starResourceAndNotAction: 'PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION',
      notResource: 'PASS_ROLE_WITH_NOT_RESOURCE',
      starActionAndNotResource: 'PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE',
      notActionAndNotResource: 'PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE',
    },
  },
  {
    action: 'iam:CreateServiceLinkedRole',
    codes: {
      starResource: 'CREATE_SLR_WITH_STAR_IN_RESOURCE',
      starActionAndResource: 'CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE',
      starResourceAndNotAction: 'CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION',
      notResource: 'CREATE_SLR_WITH_NOT_RESOURCE',
      starActionAndNotResource: 'CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE',
      notActionAndNotResource: 'CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE',
    },
  },
];

function matches(pattern: string, action: string): boolean {
  return compileWildcard(pattern, { ignoreCase: true })(action);
}

/** `*`, or an IAM role ARN whose account and name are both open. */
function starResource(items: readonly LocatedString[]): LocatedString | undefined {
  return items.find((r) => r.value === '*' || /^arn:[^:]*:iam::[^:]*:(role\/)?\*$/.test(r.value) || r.value === 'arn:aws:iam::*:*');
}

function hasConditionKey(s: StatementView, key: string): boolean {
  if (s.condition?.node.kind !== 'object') return false;
  return s.condition.node.entries.some((b) => b.value.kind === 'object' && b.value.entries.some((e) => e.key.toLowerCase() === key));
}

function checkFamily(ctx: CheckContext, s: StatementView, family: Family): void {
  let via: { readonly kind: 'literal' | 'star' | 'not'; readonly at: Located } | undefined;
  const hit = s.actions.find((a) => matches(a.value, family.action));
  if (hit !== undefined) via = { kind: /[*?]/.test(hit.value) ? 'star' : 'literal', at: hit.at };
  else if (s.notAction !== undefined && !s.notActions.some((a) => matches(a.value, family.action))) via = { kind: 'not', at: s.notAction };
  if (via === undefined) return;
  const star = starResource(s.resources);
  if (star !== undefined) {
    if (via.kind === 'literal' && family.conditionKey !== undefined && hasConditionKey(s, family.conditionKey)) return;
    const code = via.kind === 'literal' ? family.codes.starResource : via.kind === 'star' ? family.codes.starActionAndResource : family.codes.starResourceAndNotAction;
    ctx.report(code, [via.at, star.at]);
  } else if (s.notResource !== undefined) {
    const code = via.kind === 'literal' ? family.codes.notResource : via.kind === 'star' ? family.codes.starActionAndNotResource : family.codes.notActionAndNotResource;
    ctx.report(code, [via.at, s.notResource]);
  }
}

export const passRoleCheck: Check = {
  name: 'pass-role',
  codes: FAMILIES.flatMap((f) => Object.values(f.codes)),
  run(ctx) {
    if (ctx.policyType !== 'IDENTITY_POLICY' && ctx.policyType !== 'RESOURCE_POLICY') return;
    for (const s of ctx.view.statements) {
      if (s.effectValue !== 'Allow') continue;
      for (const family of FAMILIES) checkFamily(ctx, s, family);
    }
  },
};
