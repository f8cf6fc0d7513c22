// PutRule, DescribeRule, ListRules, EnableRule, DisableRule and DeleteRule on the default
// event bus. PutRule is an upsert (omitted members become empty, as EventBridge does);
// DeleteRule refuses a rule that still has targets.

import type { WireObject } from '../../protocol/wire-value.js';
import type { EventRule, EventRuleState } from '../../storage/events-repositories.js';
import { optStr, str } from '../input.js';
import type { OperationTable, ServiceContext } from '../operation.js';
import { limitExceeded, ruleNotFound, validation } from './errors.js';
import { checkEventBus, compilePattern, DEFAULT_BUS, nextTokenOf, pageOf, ruleArn } from './names.js';

/** EventBridge's default quota of rules per event bus. */
export const MAX_RULES_PER_BUS = 300;

function ruleCheck(input: WireObject, ctx: ServiceContext, member = 'Name') {
  return [{ resource: ruleArn(ctx, str(input, member)) }];
}

export function describeRule(rule: EventRule): WireObject {
  return {
    Name: rule.name,
    Arn: rule.arn,
    ...(rule.eventPattern !== undefined && { EventPattern: rule.eventPattern }),
    ...(rule.scheduleExpression !== undefined && { ScheduleExpression: rule.scheduleExpression }),
    State: rule.state,
    ...(rule.description !== undefined && { Description: rule.description }),
    ...(rule.roleArn !== undefined && { RoleArn: rule.roleArn }),
    EventBusName: DEFAULT_BUS,
  };
}

/** Writes a rule as PutRule does; also used for Keyward's own managed rules (root-use alert). */
export async function putRule(ctx: ServiceContext, input: WireObject): Promise<EventRule> {
  checkEventBus(input, ctx);
  const name = str(input, 'Name');
  const eventPattern = optStr(input, 'EventPattern');
  const scheduleExpression = optStr(input, 'ScheduleExpression');
  if (eventPattern === undefined && scheduleExpression === undefined) {
    throw validation('Parameter(s) EventPattern or ScheduleExpression must be specified.');
  }
  if (eventPattern !== undefined) compilePattern(eventPattern);
  const description = optStr(input, 'Description');
  const roleArn = optStr(input, 'RoleArn');
  const rule: EventRule = {
    accountId: ctx.accountId,
    name,
    arn: ruleArn(ctx, name),
    ...(eventPattern !== undefined && { eventPattern }),
    ...(scheduleExpression !== undefined && { scheduleExpression }),
    state: (optStr(input, 'State') as EventRuleState | undefined) ?? 'ENABLED',
    ...(description !== undefined && { description }),
    ...(roleArn !== undefined && { roleArn }),
    createdBy: ctx.accountId,
    createdAt: ctx.now,
  };
  return ctx.store.write(async (tx) => {
    const existing = await tx.events.getRule(ctx.accountId, name);
    if (existing === undefined && (await tx.events.countRules(ctx.accountId)) >= MAX_RULES_PER_BUS) {
      throw limitExceeded(`The requested resource exceeds the maximum number allowed.`);
    }
    // An existing rule keeps its ARN (the region it was made in).
    const stored = existing === undefined ? rule : { ...rule, arn: existing.arn };
    await tx.events.putRule(stored);
    return stored;
  });
}

async function setState(input: WireObject, ctx: ServiceContext, state: EventRuleState): Promise<undefined> {
  checkEventBus(input, ctx);
  const name = str(input, 'Name');
  await ctx.store.write(async (tx) => {
    if (!(await tx.events.setRuleState(ctx.accountId, name, state))) throw ruleNotFound(name);
  });
  return undefined;
}

export const ruleOperations: OperationTable = {
  PutRule: {
    checks: (input, ctx) => ruleCheck(input, ctx),
    async run(input, ctx) {
      const rule = await putRule(ctx, input);
      return { RuleArn: rule.arn };
    },
  },
  DescribeRule: {
    checks: (input, ctx) => ruleCheck(input, ctx),
    async run(input, ctx) {
      checkEventBus(input, ctx);
      const name = str(input, 'Name');
      const rule = await ctx.store.read((tx) => tx.events.getRule(ctx.accountId, name));
      if (rule === undefined) throw ruleNotFound(name);
      return { ...describeRule(rule), CreatedBy: rule.createdBy };
    },
  },
  ListRules: {
    checks: () => [{ resource: '*' }],
    async run(input, ctx) {
      checkEventBus(input, ctx);
      const namePrefix = optStr(input, 'NamePrefix');
      const page = await ctx.store.read((tx) =>
        tx.events.listRules({ accountId: ctx.accountId, ...pageOf(input), ...(namePrefix !== undefined && { namePrefix }) }),
      );
      return { Rules: page.items.map(describeRule), ...nextTokenOf(page.nextAfter) };
    },
  },
  EnableRule: {
    checks: (input, ctx) => ruleCheck(input, ctx),
    run: (input, ctx) => setState(input, ctx, 'ENABLED'),
  },
  DisableRule: {
    checks: (input, ctx) => ruleCheck(input, ctx),
    run: (input, ctx) => setState(input, ctx, 'DISABLED'),
  },
  DeleteRule: {
    checks: (input, ctx) => ruleCheck(input, ctx),
    async run(input, ctx) {
      checkEventBus(input, ctx);
      const name = str(input, 'Name');
      await ctx.store.write(async (tx) => {
        // Deleting a rule that does not exist succeeds, as in EventBridge.
        if ((await tx.events.countTargets(ctx.accountId, name)) > 0) throw validation("Rule can't be deleted since it has targets.");
        await tx.events.deleteRule(ctx.accountId, name);
      });
      return undefined;
    },
  },
};
