// JSON paths for problems: `Statement[1].Action[0]`, `Statement.Condition.StringEquals.aws:username`.
// The document itself is `$`; a member whose name would make the path ambiguous is bracketed.

export const ROOT_PATH = '$';

const PLAIN_NAME = /^[^.[\]\s"]+$/;

/** The path of member `name` under `parent`. */
export function memberPath(parent: string, name: string): string {
  const part = PLAIN_NAME.test(name) ? name : `[${JSON.stringify(name)}]`;
  if (parent === ROOT_PATH) return part.startsWith('[') ? `${ROOT_PATH}${part}` : part;
  return part.startsWith('[') ? `${parent}${part}` : `${parent}.${part}`;
}

/** The path of item `index` of the array at `parent`. */
export function itemPath(parent: string, index: number): string {
  return `${parent}[${index}]`;
}
