// PutTargets, ListTargetsByRule and RemoveTargets. Keyward delivers to API destinations
// (webhooks), so a target must name one of the account's; any other entry is answered in
// FailedEntries, as EventBridge answers entries it cannot take, and the rest are kept.

import type { WireObject } from '../../protocol/wire-value.js';
import type { EventTarget } from '../../storage/events-repositories.js';
import { objList, optStr, str, strList } from '../input.js';
import type { OperationTable, ServiceContext } from '../operation.js';
import { limitExceeded, ruleNotFound } from './errors.js';
import { checkEventBus, nameInArn, nextTokenOf, pageOf, ruleArn } from './names.js';

/** EventBridge's quota of targets per rule. */
export const MAX_TARGETS_PER_RULE = 5;

type FailedEntry = {
  readonly TargetId: string;
  readonly ErrorCode: string;
  readonly ErrorMessage: string;
};

function ruleCheck(input: WireObject, ctx: ServiceContext) {
  return [{ resource: ruleArn(ctx, str(input, 'Rule')) }];
}

/** Why a target cannot be taken, or undefined when it can. */
function refusal(target: WireObject, ctx: ServiceContext): string | undefined {
  for (const unsupported of ['InputPath', 'InputTransformer']) {
    if (target[unsupported] !== undefined) return `${unsupported} is not supported by Keyward; use Input or the event itself.`;
  }
  const arn = str(target, 'Arn');
  if (nameInArn(arn, 'api-destination') === undefined || arn.split(':')[4] !== ctx.accountId) {
    return `Target ${arn} is not an API destination of this account: Keyward delivers to API destinations only.`;
  }
  return undefined;
}

export const targetOperations: OperationTable = {
  PutTargets: {
    checks: ruleCheck,
    async run(input, ctx) {
      checkEventBus(input, ctx);
      const ruleName = str(input, 'Rule');
      const failed: FailedEntry[] = [];
      await ctx.store.write(async (tx) => {
        if ((await tx.events.getRule(ctx.accountId, ruleName)) === undefined) throw ruleNotFound(ruleName);
        const accepted: EventTarget[] = [];
        for (const entry of objList(input, 'Targets')) {
          const id = str(entry, 'Id');
          let reason = refusal(entry, ctx);
          const arn = str(entry, 'Arn');
          if (reason === undefined && (await tx.events.getApiDestinationByArn(arn)) === undefined) reason = `API destination ${arn} does not exist.`;
          if (reason !== undefined) {
            failed.push({ TargetId: id, ErrorCode: 'ValidationException', ErrorMessage: reason });
            continue;
          }
          const roleArn = optStr(entry, 'RoleArn');
          const constant = optStr(entry, 'Input');
          accepted.push({ accountId: ctx.accountId, ruleName, id, arn, ...(roleArn !== undefined && { roleArn }), ...(constant !== undefined && { input: constant }) });
        }
        const existing = (await tx.events.listTargets(ctx.accountId, ruleName, { limit: 100 })).items.map((t) => t.id);
        const ids = new Set([...existing, ...accepted.map((t) => t.id)]);
        if (ids.size > MAX_TARGETS_PER_RULE) throw limitExceeded('The requested resource exceeds the maximum number allowed.');
        for (const target of accepted) await tx.events.putTarget(target);
      });
      return { FailedEntryCount: failed.length, FailedEntries: failed };
    },
  },
  ListTargetsByRule: {
    checks: ruleCheck,
    async run(input, ctx) {
      checkEventBus(input, ctx);
      const ruleName = str(input, 'Rule');
      const page = await ctx.store.read(async (tx) => {
        if ((await tx.events.getRule(ctx.accountId, ruleName)) === undefined) throw ruleNotFound(ruleName);
        return tx.events.listTargets(ctx.accountId, ruleName, pageOf(input));
      });
      const targets = page.items.map((t) => ({ Id: t.id, Arn: t.arn, ...(t.roleArn !== undefined && { RoleArn: t.roleArn }), ...(t.input !== undefined && { Input: t.input }) }));
      return { Targets: targets, ...nextTokenOf(page.nextAfter) };
    },
  },
  RemoveTargets: {
    checks: ruleCheck,
    async run(input, ctx) {
      checkEventBus(input, ctx);
      const ruleName = str(input, 'Rule');
      await ctx.store.write(async (tx) => {
        if ((await tx.events.getRule(ctx.accountId, ruleName)) === undefined) throw ruleNotFound(ruleName);
        // An id the rule does not have is not a failure, as in EventBridge.
        for (const id of strList(input, 'Ids')) await tx.events.removeTarget(ctx.accountId, ruleName, id);
      });
      return { FailedEntryCount: 0, FailedEntries: [] };
    },
  },
};
