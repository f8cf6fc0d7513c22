// Compares the shape of two GetAccountAuthorizationDetails outputs as the aws CLI or boto3
// prints them: which fields appear at each path, whether always, and with which JSON types.
// Policy documents are leaves: their contents are the user's, not the API's shape.

type Kind = 'string' | 'number' | 'boolean' | 'null' | 'array' | 'object';

interface PathStats {
  readonly kinds: Set<Kind>;
  /** How often a value was found at this path. */
  present: number;
}

export type Shape = ReadonlyMap<string, PathStats>;

const LISTS = ['UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies'] as const;
const DOCUMENT_FIELD = /Document$/;

function kindOf(value: unknown): Kind {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const t = typeof value;
  return t === 'string' || t === 'number' || t === 'boolean' ? t : 'object';
}

function walk(value: unknown, path: string, stats: Map<string, PathStats>, leaf: boolean): void {
  const kind = kindOf(value);
  const entry = stats.get(path) ?? { kinds: new Set<Kind>(), present: 0 };
  entry.kinds.add(kind);
  entry.present += 1;
  stats.set(path, entry);
  if (leaf) return;
  if (kind === 'array') for (const item of value as unknown[]) walk(item, `${path}[]`, stats, false);
  if (kind === 'object') {
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) walk(child, `${path}.${key}`, stats, DOCUMENT_FIELD.test(key));
  }
}

/** The shape of the four entity lists of one output. */
export function shapeOf(output: Record<string, unknown>): Shape {
  const stats = new Map<string, PathStats>();
  for (const list of LISTS) walk(output[list] ?? [], list, stats, false);
  return stats;
}

function parentOf(path: string): string {
  return path.slice(0, path.lastIndexOf('.'));
}

/**
 * What differs from the reference: fields the reference never has, fields the reference always
 * has (wherever their parent object appears) that ours lacks somewhere, and JSON types the
 * reference never uses for that field. `optional` lists fields that may legitimately come and go.
 */
export function shapeProblems(ours: Shape, reference: Shape, options: { optional?: readonly string[]; extra?: readonly string[] } = {}): string[] {
  const problems: string[] = [];
  for (const [path, stats] of ours) {
    const ref = reference.get(path);
    if (ref === undefined) {
      if (!(options.extra ?? []).some((e) => path === e || path.startsWith(`${e}.`) || path.startsWith(`${e}[]`))) problems.push(`unexpected field ${path}`);
      continue;
    }
    for (const kind of stats.kinds) if (!ref.kinds.has(kind)) problems.push(`${path} is ${kind}, real AWS output has ${[...ref.kinds].join('|')}`);
  }
  for (const [path, ref] of reference) {
    if (!path.includes('.') || (options.optional ?? []).includes(path)) continue;
    const parent = parentOf(path);
    const refParent = reference.get(parent);
    const ourParent = ours.get(parent);
    if (refParent === undefined || ourParent === undefined || !ourParent.kinds.has('object')) continue;
    const alwaysInReference = ref.present === refParent.present;
    const ourCount = ours.get(path)?.present ?? 0;
    if (alwaysInReference && ourCount < ourParent.present) problems.push(`missing field ${path} (${ourCount} of ${ourParent.present})`);
  }
  return problems;
}
