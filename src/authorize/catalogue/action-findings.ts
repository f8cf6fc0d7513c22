// Unknown actions in a policy, as Access Analyzer's policy checks report them: an Action or
// NotAction entry that names no action of a service the catalogue knows (AWS's, or one of the
// platform's defined services). Services the catalogue does not know are not reported.

import type { PolicyDocument } from '../../policy/document/types.js';
import { unknownActions } from './service-catalogue.js';

export interface ActionFinding {
  /** `Statement[1].Action[0]` */
  readonly path: string;
  readonly message: string;
}

export async function unknownActionFindings(document: PolicyDocument): Promise<ActionFinding[]> {
  const findings: ActionFinding[] = [];
  const many = document.statements.length > 1;
  for (const st of document.statements) {
    const at = many ? `Statement[${st.index}]` : 'Statement';
    for (const [element, list] of [['Action', st.action], ['NotAction', st.notAction]] as const) {
      if (list === undefined) continue;
      const unknown = new Set(await unknownActions(list));
      list.forEach((entry, i) => {
        if (!unknown.has(entry)) return;
        const colon = entry.indexOf(':');
        findings.push({
          path: list.length > 1 ? `${at}.${element}[${i}]` : `${at}.${element}`,
          message: `${entry} matches no action of service ${entry.slice(0, colon).toLowerCase()}`,
        });
      });
    }
  }
  return findings;
}
