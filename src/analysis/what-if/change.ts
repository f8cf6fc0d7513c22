// A proposed change to an account, for what-if: a list of IAM API calls with their AWS
// parameter names (`{"Action": "PutRolePolicy", "RoleName": ..., "PolicyName": ...,
// "PolicyDocument": ...}`), validated with the file and JSON path of each problem.

import type { InputProblem } from '../input/details-types.js';

type Kind = 'User' | 'Group' | 'Role';

export type Change =
  | { readonly action: 'PutEntityPolicy'; readonly kind: Kind; readonly name: string; readonly policyName: string; readonly document: unknown }
  | { readonly action: 'DeleteEntityPolicy'; readonly kind: Kind; readonly name: string; readonly policyName: string }
  | { readonly action: 'AttachEntityPolicy' | 'DetachEntityPolicy'; readonly kind: Kind; readonly name: string; readonly policyArn: string }
  | { readonly action: 'PutPermissionsBoundary'; readonly kind: 'User' | 'Role'; readonly name: string; readonly policyArn: string }
  | { readonly action: 'DeletePermissionsBoundary'; readonly kind: 'User' | 'Role'; readonly name: string }
  | { readonly action: 'UpdateAssumeRolePolicy'; readonly name: string; readonly document: unknown }
  | { readonly action: 'AddUserToGroup' | 'RemoveUserFromGroup'; readonly userName: string; readonly groupName: string }
  | { readonly action: 'CreatePolicy'; readonly policyName: string; readonly document: unknown }
  | { readonly action: 'CreatePolicyVersion'; readonly policyArn: string; readonly document: unknown; readonly setAsDefault: boolean };

/** A change with where it was read from, and the account it applies to (given or the only one). */
export interface LocatedChange {
  readonly change: Change;
  /** `Account` in the change, when given. */
  readonly account?: string;
  /** The change as written, for the report. */
  readonly text: unknown;
  readonly path: string;
}

export type ReadChangesResult = { readonly ok: true; readonly changes: readonly LocatedChange[] } | { readonly ok: false; readonly problems: readonly InputProblem[] };

export const SUPPORTED_ACTIONS: readonly string[] = [
  'PutUserPolicy', 'PutGroupPolicy', 'PutRolePolicy', 'DeleteUserPolicy', 'DeleteGroupPolicy', 'DeleteRolePolicy',
  'AttachUserPolicy', 'AttachGroupPolicy', 'AttachRolePolicy', 'DetachUserPolicy', 'DetachGroupPolicy', 'DetachRolePolicy',
  'PutUserPermissionsBoundary', 'PutRolePermissionsBoundary', 'DeleteUserPermissionsBoundary', 'DeleteRolePermissionsBoundary',
  'UpdateAssumeRolePolicy', 'AddUserToGroup', 'RemoveUserFromGroup', 'CreatePolicy', 'CreatePolicyVersion',
];

type Obj = Readonly<Record<string, unknown>>;

/** Reads `{"Changes": [...]}`, a list of changes, or one change. */
export function readChanges(source: string, json: unknown): ReadChangesResult {
  const problems: InputProblem[] = [];
  const fail = (path: string, message: string) => problems.push({ source, path, message });
  let list: unknown[];
  let base: string;
  if (Array.isArray(json)) [list, base] = [json, '$'];
  else if (typeof json === 'object' && json !== null && Array.isArray((json as Obj).Changes)) [list, base] = [(json as Obj).Changes as unknown[], '$.Changes'];
  else if (typeof json === 'object' && json !== null && 'Action' in json) [list, base] = [[json], '$'];
  else return { ok: false, problems: [{ source, path: '$', message: 'expected {"Changes": [...]}, a list of changes or one change' }] };
  if (list.length === 0) fail(base, 'no changes');
  const changes: LocatedChange[] = [];
  list.forEach((item, i) => {
    const path = base === '$' && !Array.isArray(json) ? '$' : `${base}[${i}]`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return fail(path, 'expected a change object');
    const o = item as Obj;
    const str = (key: string): string => {
      const v = o[key];
      if (typeof v === 'string' && v !== '') return v;
      fail(`${path}.${key}`, v === undefined ? 'missing' : 'expected a non-empty string');
      return '';
    };
    const doc = (key: string): unknown => {
      const v = o[key];
      if (typeof v === 'string' || (typeof v === 'object' && v !== null && !Array.isArray(v))) return v;
      fail(`${path}.${key}`, v === undefined ? 'missing' : 'expected a policy document (JSON object or text)');
      return undefined;
    };
    const action = o.Action;
    if (typeof action !== 'string' || !SUPPORTED_ACTIONS.includes(action)) {
      return fail(`${path}.Action`, `expected one of ${SUPPORTED_ACTIONS.join(', ')}, found ${JSON.stringify(action)}`);
    }
    const account = o.Account;
    if (account !== undefined && (typeof account !== 'string' || !/^\d{12}$/.test(account))) fail(`${path}.Account`, 'expected a 12-digit account id');
    const entity = /^(Put|Delete|Attach|Detach)(User|Group|Role)Policy$/.exec(action);
    const boundary = /^(Put|Delete)(User|Role)PermissionsBoundary$/.exec(action);
    let change: Change;
    if (entity !== null) {
      const kind = entity[2] as Kind;
      const name = str(`${kind}Name`);
      switch (entity[1]) {
        case 'Put':
          change = { action: 'PutEntityPolicy', kind, name, policyName: str('PolicyName'), document: doc('PolicyDocument') };
          break;
        case 'Delete':
          change = { action: 'DeleteEntityPolicy', kind, name, policyName: str('PolicyName') };
          break;
        default:
          change = { action: entity[1] === 'Attach' ? 'AttachEntityPolicy' : 'DetachEntityPolicy', kind, name, policyArn: str('PolicyArn') };
      }
    } else if (boundary !== null) {
      const kind = boundary[2] as 'User' | 'Role';
      const name = str(`${kind}Name`);
      change = boundary[1] === 'Put' ? { action: 'PutPermissionsBoundary', kind, name, policyArn: str('PermissionsBoundary') } : { action: 'DeletePermissionsBoundary', kind, name };
    } else if (action === 'UpdateAssumeRolePolicy') change = { action, name: str('RoleName'), document: doc('PolicyDocument') };
    else if (action === 'AddUserToGroup' || action === 'RemoveUserFromGroup') change = { action, userName: str('UserName'), groupName: str('GroupName') };
    else if (action === 'CreatePolicy') change = { action, policyName: str('PolicyName'), document: doc('PolicyDocument') };
    else change = { action: 'CreatePolicyVersion', policyArn: str('PolicyArn'), document: doc('PolicyDocument'), setAsDefault: o.SetAsDefault === true };
    changes.push({ change, ...(typeof account === 'string' ? { account } : {}), text: item, path });
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, changes };
}
