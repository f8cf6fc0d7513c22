// Collects the problems of one document and orders them the way AWS meets them, so the
// first one carries the message AWS would give. IAM's identity parser runs each check
// over the whole document before the next; the trust/resource parser finishes one
// statement before it starts the next.

import type { PolicyProblem } from './types.js';
import { problemMessage } from './messages.js';
import type { Dialect, ProblemArgs, ProblemCode } from './messages.js';

/** The checks, in the order IAM's identity-policy parser runs them over a document. */
export type Stage =
  | 'syntax'
  | 'condition'
  | 'version'
  | 'principal'
  | 'legacy'
  | 'sid-unique'
  | 'sid-format'
  | 'actions-missing'
  | 'resources-missing'
  | 'resource-format'
  | 'action-format'
  | 'kind';

const DOCUMENT_ORDER: readonly Stage[] = [
  'syntax',
  'condition',
  'version',
  'principal',
  'legacy',
  'sid-unique',
  'sid-format',
  'actions-missing',
  'resources-missing',
  'resource-format',
  'action-format',
  'kind',
];

// Within one statement, the trust/resource parser checks the elements in this order.
const STATEMENT_ORDER: readonly Stage[] = [
  'syntax',
  'legacy',
  'principal',
  'actions-missing',
  'action-format',
  'resources-missing',
  'resource-format',
  'condition',
  'kind',
  'version',
  'sid-format',
  'sid-unique',
];

interface Finding {
  readonly order: readonly number[];
  readonly problem: PolicyProblem;
}

function compareOrder(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? -1) - (b[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

export class Findings {
  private readonly items: Finding[] = [];

  constructor(readonly dialect: Dialect) {}

  /**
   * Records a problem. `statement` is the statement's index, absent for the document's own
   * elements; for IAM's parser, problems recorded without one keep the order they were added in.
   */
  add(stage: Stage, statement: number | undefined, path: string, code: ProblemCode, args?: ProblemArgs): void {
    const seq = this.items.length;
    const order =
      this.dialect === 'iam' || this.dialect === 'organizations'
        ? [DOCUMENT_ORDER.indexOf(stage), statement ?? -1, seq]
        : statement === undefined
          ? [0, DOCUMENT_ORDER.indexOf(stage), seq]
          : [1, statement, STATEMENT_ORDER.indexOf(stage), seq];
    this.items.push({ order, problem: { path, message: problemMessage(this.dialect, code, args) } });
  }

  get empty(): boolean {
    return this.items.length === 0;
  }

  sorted(): readonly PolicyProblem[] {
    return [...this.items].sort((a, b) => compareOrder(a.order, b.order)).map((f) => f.problem);
  }
}
