// Least-privilege identity policies from observed activity (Access Analyzer's policy generation):
// each action the principal used, with the resources it used them on when every use named them,
// else AWS's placeholder for the action's resource type (when asked for) or `*`. Actions that
// share one resource list share a statement. Pure: the activity and the catalogue facts come in.

/** One action as it was used in the window. */
export interface UsedAction {
  /** `prefix:Name`, the name as the service's catalogue spells it. */
  readonly action: string;
  /** Whether the action takes resource types (else only `*` can name its resource). */
  readonly resourceLevel: boolean;
  /** Every resource ARN the uses named; undefined when some use named none we could read. */
  readonly resources: readonly string[] | undefined;
  /** The ARN template of the action's resource type in AWS's placeholder style (`arn:aws:s3:::${BucketName}`). */
  readonly placeholder?: string;
}

export interface GenerateOptions {
  readonly includeResourcePlaceholders: boolean;
  /** Service prefixes given as `prefix:*` (the service-level template), for services used without action-level records. */
  readonly serviceLevel?: readonly string[];
  /** Longest policy text; longer policies are split (AWS: 6,144 characters). */
  readonly maxLength?: number;
  /** More distinct resources than this for one action and the action gets the placeholder or `*`. */
  readonly maxResources?: number;
}

export const MAX_GENERATED_POLICY_LENGTH = 6144;
export const MAX_RESOURCES_PER_ACTION = 10;

interface Statement {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Action: string | string[];
  readonly Resource: string | string[];
}

/** The resources one action's statement names. */
export function resourcesFor(used: UsedAction, options: GenerateOptions): readonly string[] {
  if (!used.resourceLevel) return ['*'];
  const limit = options.maxResources ?? MAX_RESOURCES_PER_ACTION;
  if (used.resources !== undefined && used.resources.length > 0 && used.resources.length <= limit && !used.resources.includes('*')) {
    return [...new Set(used.resources)].sort();
  }
  // iam:PassRole is never granted on every role: without a known role, the placeholder stands.
  const passRole = used.action.toLowerCase() === 'iam:passrole';
  if ((options.includeResourcePlaceholders || passRole) && used.placeholder !== undefined) return [used.placeholder];
  return ['*'];
}

const one = (list: readonly string[]): string | string[] => (list.length === 1 ? (list[0] as string) : [...list]);

function textOf(statements: readonly Statement[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/** The statements: `*` first, then one per distinct resource list, actions sorted within each. */
export function generatedStatements(actions: readonly UsedAction[], options: GenerateOptions): Statement[] {
  const groups = new Map<string, { resources: readonly string[]; actions: Set<string> }>();
  for (const used of actions) {
    const resources = resourcesFor(used, options);
    const key = resources.join('\n');
    let group = groups.get(key);
    if (group === undefined) {
      group = { resources, actions: new Set() };
      groups.set(key, group);
    }
    group.actions.add(used.action);
  }
  const ordered = [...groups.values()]
    .map((g) => ({ resources: g.resources, actions: [...g.actions].sort() }))
    .sort((a, b) => {
      const aStar = a.resources.length === 1 && a.resources[0] === '*' ? 0 : 1;
      const bStar = b.resources.length === 1 && b.resources[0] === '*' ? 0 : 1;
      return aStar - bStar || (a.actions[0] ?? '').localeCompare(b.actions[0] ?? '');
    });
  const service = [...new Set(options.serviceLevel ?? [])].sort().map((p) => `${p}:*`);
  if (service.length > 0) ordered.push({ resources: ['*'], actions: service });
  return ordered.map((g, i) => ({ Sid: `SupportedServiceSid${i}`, Effect: 'Allow', Action: one(g.actions), Resource: one(g.resources) }));
}

/**
 * The generated policies' texts: one policy unless it would be longer than `maxLength`, then
 * as many as needed, statements (and a statement's actions) split between them.
 */
export function generatePolicies(actions: readonly UsedAction[], options: GenerateOptions): string[] {
  const max = options.maxLength ?? MAX_GENERATED_POLICY_LENGTH;
  const statements = generatedStatements(actions, options);
  if (statements.length === 0) return [];
  const policies: string[] = [];
  let current: Statement[] = [];
  const push = (s: Statement): void => {
    if (textOf([...current, s]).length <= max) {
      current.push(s);
      return;
    }
    if (current.length > 0) {
      policies.push(textOf(current));
      current = [];
    }
    if (textOf([s]).length <= max) {
      current.push(s);
      return;
    }
    // One statement longer than a policy: its actions go in parts, each with the statement's resources.
    const list = typeof s.Action === 'string' ? [s.Action] : s.Action;
    let part: string[] = [];
    let n = 0;
    for (const action of list) {
      const next = [...part, action];
      if (part.length > 0 && textOf([{ ...s, Sid: `${s.Sid}Part${n}`, Action: next }]).length > max) {
        policies.push(textOf([{ ...s, Sid: `${s.Sid}Part${n}`, Action: one(part) }]));
        n += 1;
        part = [action];
      } else {
        part = next;
      }
    }
    if (part.length > 0) current.push({ ...s, Sid: `${s.Sid}Part${n}`, Action: one(part) });
  };
  for (const s of statements) push(s);
  if (current.length > 0) policies.push(textOf(current));
  return policies;
}

/** AWS's placeholder style for a resource type's ARN format: the partition filled in, the rest kept as `${Name}`. */
export function placeholderArn(format: string, partition = 'aws'): string {
  return format.replace('${Partition}', partition);
}
