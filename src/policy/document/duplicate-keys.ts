// Duplicate member names in a policy's JSON. AWS accepts them and keeps the last
// value (as parsePolicy does), which silently drops what came before, so linters
// want to point at them.

import { readJson } from './json-tree.js';
import type { JsonNode } from './json-tree.js';
import { itemPath, memberPath, ROOT_PATH } from './paths.js';

/** The paths of every repeated member name (the second and later occurrences); [] for invalid JSON. */
export function findDuplicateKeys(text: string): readonly string[] {
  const root = readJson(text);
  const found: string[] = [];
  // An explicit stack: documents may nest deeply, and this must not overflow.
  const stack: { node: JsonNode; path: string }[] = root === undefined ? [] : [{ node: root, path: ROOT_PATH }];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const { node, path } = top;
    if (node.kind === 'array') {
      node.items.forEach((item, i) => stack.push({ node: item, path: itemPath(path, i) }));
    } else if (node.kind === 'object') {
      const seen = new Set<string>();
      for (const { key, value } of node.entries) {
        const child = memberPath(path, key);
        if (seen.has(key)) found.push(child);
        seen.add(key);
        stack.push({ node: value, path: child });
      }
    }
  }
  return found.sort();
}
