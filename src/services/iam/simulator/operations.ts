// The IAM policy simulator: SimulatePrincipalPolicy, SimulateCustomPolicy and the two
// GetContextKeysFor*Policy actions, answered by the same engine that authorizes every call.

import type { Tag } from '../../../domain/entities.js';
import { IamError } from '../../../protocol/errors.js';
import type { WireObject } from '../../../protocol/wire-value.js';
import { objList, optStr, str } from '../../input.js';
import type { AuthCheck, OperationTable, ServiceContext } from '../../operation.js';
import { resourceTagKeys } from '../tag-keys.js';
import { anonymousCaller, callerFromArn, parseEntityArn, type EntityArn } from './caller.js';
import { readContextEntries } from './context.js';
import { referencedContextKeys } from './context-keys.js';
import { Simulator } from './evaluate.js';
import { loadEntityPolicies, SimulationPolicies, type EntityPolicies } from './policies.js';
import {
  addInputPolicies,
  addResourcePolicy,
  checkBoundaryCount,
  pageMarker,
  readActions,
  readPage,
  readResourceOwner,
  readResources,
} from './request.js';

const invalid = (message: string): IamError => new IamError('InvalidInput', message);

/** PolicySourceArn as a user, group or role of the caller's own account. */
function sourceEntity(input: WireObject, ctx: ServiceContext): EntityArn {
  const arn = str(input, 'PolicySourceArn');
  const entity = parseEntityArn(arn);
  if (entity === undefined) throw invalid(`Invalid ARN provided in the request: ${arn}`);
  if (entity.account !== ctx.accountId) {
    throw invalid(`Invalid Policy Source Arn: caller's account ${ctx.accountId} does not have access to policies in account ${entity.account}.`);
  }
  return entity;
}

async function loadSource(ctx: ServiceContext, entity: EntityArn): Promise<EntityPolicies> {
  const loaded = await ctx.store.read((tx) => loadEntityPolicies(tx, entity));
  if (loaded === undefined) throw new IamError('NoSuchEntity', 'Unable to retrieve specified IAM entity.');
  return loaded;
}

/** AWS checks the principal actions on the simulated entity (its real ARN when it exists). */
async function entityCheck(input: WireObject, ctx: ServiceContext): Promise<AuthCheck[]> {
  const arn = str(input, 'PolicySourceArn');
  const entity = parseEntityArn(arn);
  if (entity === undefined || entity.account !== ctx.accountId) return [{ resource: arn }];
  const found = await ctx.store.read(async (tx): Promise<{ readonly arn: string; readonly tags?: readonly Tag[] } | undefined> => {
    if (entity.kind === 'user') return tx.users.get(ctx.accountId, entity.name);
    if (entity.kind === 'role') return tx.roles.get(ctx.accountId, entity.name);
    return tx.groups.get(ctx.accountId, entity.name);
  });
  if (found === undefined) return [{ resource: arn }];
  return [{ resource: found.arn, keys: resourceTagKeys(found.tags) }];
}

/** Evaluates one page of the actions. */
async function respond(input: WireObject, actions: readonly string[], resources: string[] | undefined, simulator: Simulator): Promise<WireObject> {
  const page = readPage(input, actions.length, resources?.length ?? 1);
  const results: WireObject[] = [];
  for (const action of actions.slice(page.start, page.end)) results.push(await simulator.evaluate(action, resources));
  return { EvaluationResults: results, ...pageMarker(page.end, actions.length) };
}

/** The source entity's own policies; PermissionsBoundaryPolicyInputList replaces its boundary. */
function addEntityPolicies(policies: SimulationPolicies, source: EntityPolicies, input: WireObject): void {
  for (const policy of source.identity) policies.add('identity', policy);
  addInputPolicies(policies, input);
  const boundary = source.boundary;
  if (policies.hasBoundary || boundary === undefined) return;
  // A boundary whose managed policy is gone allows nothing, as in live authorization.
  if (boundary.text === undefined || !policies.add('boundary', { sourceId: boundary.sourceId, text: boundary.text })) {
    policies.addEmptyBoundary(boundary.sourceId);
  }
}

export const simulatorOperations: OperationTable = {
  SimulatePrincipalPolicy: {
    checks: entityCheck,
    async run(input, ctx) {
      const entity = sourceEntity(input, ctx);
      const actions = readActions(input);
      const resources = readResources(input);
      checkBoundaryCount(input);
      const context = readContextEntries(objList(input, 'ContextEntries'));
      const callerArn = optStr(input, 'CallerArn');
      const explicitCaller = callerArn === undefined ? undefined : callerFromArn(callerArn, { explicit: true });
      const resourceOwner = readResourceOwner(input);
      const source = await loadSource(ctx, entity);
      const policies = new SimulationPolicies();
      addEntityPolicies(policies, source, input);
      // Without CallerArn the simulated entity calls (a group stands in as a user of the account).
      const caller = explicitCaller ?? callerFromArn(source.arn, { explicit: false });
      addResourcePolicy(policies, input, caller, resources);
      const simulator = new Simulator({ policies, caller, context, ...(resourceOwner !== undefined && { resourceOwner }) });
      return respond(input, actions, resources, simulator);
    },
  },

  SimulateCustomPolicy: {
    checks: () => [{ resource: '*' }],
    async run(input, ctx) {
      const actions = readActions(input);
      const resources = readResources(input);
      checkBoundaryCount(input);
      const context = readContextEntries(objList(input, 'ContextEntries'));
      const callerArn = optStr(input, 'CallerArn');
      const caller = callerArn === undefined ? anonymousCaller(ctx.accountId) : callerFromArn(callerArn, { explicit: true });
      const resourceOwner = readResourceOwner(input);
      const policies = new SimulationPolicies();
      addInputPolicies(policies, input);
      addResourcePolicy(policies, input, caller, resources);
      const simulator = new Simulator({ policies, caller, context, ...(resourceOwner !== undefined && { resourceOwner }) });
      return respond(input, actions, resources, simulator);
    },
  },

  GetContextKeysForPrincipalPolicy: {
    checks: entityCheck,
    async run(input, ctx) {
      const entity = sourceEntity(input, ctx);
      const source = await loadSource(ctx, entity);
      const policies = new SimulationPolicies();
      for (const policy of source.identity) policies.add('identity', policy);
      addInputPolicies(policies, input);
      return { ContextKeyNames: referencedContextKeys(policies.documents()) };
    },
  },

  GetContextKeysForCustomPolicy: {
    checks: () => [{ resource: '*' }],
    async run(input) {
      const policies = new SimulationPolicies();
      addInputPolicies(policies, input);
      return { ContextKeyNames: referencedContextKeys(policies.documents()) };
    },
  },
};
