// The context keys a set of policies refers to, as GetContextKeysFor*Policy lists them and as
// the simulator reports them missing: every key in a Condition block and every policy
// variable (`${aws:username}`) in Resource, NotResource and condition values.

import type { PolicyDocument } from '../../../policy/document/types.js';
import { compileTemplate, templateVariables } from '../../../policy/match/template.js';

/** Keys in document order, each once (compared case-insensitively, first spelling kept). */
export function referencedContextKeys(documents: readonly PolicyDocument[]): string[] {
  const keys: string[] = [];
  const seen = new Set<string>();
  const add = (key: string): void => {
    const lower = key.toLowerCase();
    if (seen.has(lower)) return;
    seen.add(lower);
    keys.push(key);
  };
  for (const doc of documents) {
    // Version 2008-10-17 has no policy variables: `${...}` is plain text there.
    const variables = doc.version === '2012-10-17';
    const addVariables = (values: readonly string[] | undefined): void => {
      if (!variables) return;
      for (const value of values ?? []) for (const name of templateVariables(compileTemplate(value, { variables }))) add(name);
    };
    for (const st of doc.statements) {
      addVariables(st.resource);
      addVariables(st.notResource);
      for (const condition of st.conditions) {
        add(condition.key);
        addVariables(condition.values);
      }
    }
  }
  return keys;
}
