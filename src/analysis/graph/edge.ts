// An edge of the escalation graph: `from` can become or act as `to` (or, when they are the
// same principal, make itself an admin) by one technique.

import type { ConditionNote } from '../engine/decide.js';
import type { TechniqueFamily } from '../techniques/types.js';

export interface Edge {
  readonly from: string;
  readonly to: string;
  readonly technique: string;
  readonly family: TechniqueFamily;
  /** The actions the source makes, in order. */
  readonly actions: readonly string[];
  readonly needsMfa: boolean;
  readonly conditions: readonly ConditionNote[];
  /** A group, managed policy (and version) or instance profile the technique goes through. */
  readonly via?: string;
  /** What the analysis takes to exist that the input cannot show. */
  readonly assumes?: string;
}

/** Better first: no MFA, then fewer conditions, then nothing assumed. */
export function compareEdges(a: Edge, b: Edge): number {
  return Number(a.needsMfa) - Number(b.needsMfa) || a.conditions.length - b.conditions.length || Number(a.assumes !== undefined) - Number(b.assumes !== undefined);
}
