// Who the simulator pretends is calling: the principal that resource policies match against
// and the global keys AWS fills for it (aws:PrincipalArn, aws:username, ...), from CallerArn
// or the simulated entity. AWS fills only these few; ContextEntries override them.

import type { ContextValue, RequestPrincipal } from '../../../policy/context.js';
import { principalFromArn } from '../../../policy/principal-from-arn.js';
import { IamError } from '../../../protocol/errors.js';

export type EntityKind = 'user' | 'group' | 'role';

export interface EntityArn {
  readonly partition: string;
  readonly account: string;
  readonly kind: EntityKind;
  readonly name: string;
}

const ENTITY_ARN = /^arn:(aws[a-z-]*):iam::(\d{12}):(user|group|role)(\/(?:[^/]*\/)*)([^/]+)$/;

/** A user, group or role ARN (any path); undefined for anything else. */
export function parseEntityArn(arn: string): EntityArn | undefined {
  const m = ENTITY_ARN.exec(arn);
  if (m === null) return undefined;
  const [, partition, account, kind, , name] = m as unknown as [string, string, string, EntityKind, string, string];
  return { partition, account, kind, name };
}

/** AWS's literal aws:userid when the simulation has no caller ARN. */
export const STUB_USER_ID = 'STUB_PRINCIPAL_FOR_POLICY_SIMULATOR';

export interface SimulatedCaller {
  readonly principal: RequestPrincipal;
  /** Global keys AWS sets for the simulated caller; ContextEntries override them. */
  readonly keys: Readonly<Record<string, ContextValue>>;
  /** False when there is no caller ARN at all (custom simulation without CallerArn). */
  readonly named: boolean;
}

export const invalidCaller = (): IamError =>
  new IamError('InvalidInput', 'Invalid caller - Caller must be an IAM user, role or group in this context.');

/**
 * The caller for an ARN. `explicit` is true for CallerArn (AWS then also sets aws:userid to
 * the ARN) and false for the simulated entity standing in as its own caller.
 */
export function callerFromArn(arn: string, options: { explicit: boolean }): SimulatedCaller {
  const entity = parseEntityArn(arn);
  if (entity === undefined) throw invalidCaller();
  const keys: Record<string, ContextValue> = { 'aws:PrincipalArn': arn, 'aws:PrincipalAccount': entity.account };
  if (options.explicit) keys['aws:userid'] = arn;
  if (entity.kind === 'user') keys['aws:username'] = entity.name;
  // A group never signs requests; it stands in as an IAM user of its account.
  const principal: RequestPrincipal =
    entity.kind === 'group' ? { type: 'User', arn, account: entity.account } : (principalFromArn(arn) ?? { type: 'User', arn, account: entity.account });
  return { principal, keys, named: true };
}

/** The caller of a custom simulation without CallerArn: an unnamed principal of the account. */
export function anonymousCaller(accountId: string): SimulatedCaller {
  return {
    principal: { type: 'User', arn: '', account: accountId },
    keys: { 'aws:PrincipalAccount': accountId, 'aws:userid': STUB_USER_ID },
    named: false,
  };
}
