// Splits flat AWS Query parameter names (`Tags.member.1.Key`) into a tree, so
// decoding walks each shape once instead of scanning every parameter per member.

export interface ParamNode {
  /** The parameter's value when this exact name was sent (`Tags=` marks an empty list). */
  value?: string;
  children: Map<string, ParamNode>;
}

export function buildParamTree(params: URLSearchParams): ParamNode {
  const root: ParamNode = { children: new Map() };
  for (const [name, value] of params) {
    let node = root;
    for (const part of name.split('.')) {
      let child = node.children.get(part);
      if (child === undefined) {
        child = { children: new Map() };
        node.children.set(part, child);
      }
      node = child;
    }
    // The first occurrence wins when a name repeats.
    node.value ??= value;
  }
  return root;
}

/** The children named by positive integers (`1`, `2`, ...), in index order. */
export function indexedChildren(node: ParamNode): { index: number; node: ParamNode }[] {
  const items: { index: number; node: ParamNode }[] = [];
  for (const [key, child] of node.children) {
    if (/^[1-9][0-9]{0,8}$/.test(key)) items.push({ index: Number(key), node: child });
  }
  return items.sort((a, b) => a.index - b.index);
}
