// exists: `true` matches a field with a value (null included); `false` matches a field
// that is missing, an empty array, or one that leads to an object rather than a value.

import { fail, type OperatorCompiler } from '../types.js';

export const compileExists: OperatorCompiler = (node) => {
  if (node.kind !== 'boolean') fail(node, 'exists match pattern must be either true or false.');
  const present = node.value;
  return { operator: 'exists', matchesAbsent: !present, matches: () => present };
};
