// Splits a condition operator as written (`ForAnyValue:StringLikeIfExists`) into
// its set qualifier, base operator and IfExists flag. Shared by the parser (to
// reject unknown operators) and the condition compiler.

export type SetQualifier = 'ForAllValues' | 'ForAnyValue';

export const BASE_OPERATORS = [
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'NumericEquals',
  'NumericNotEquals',
  'NumericLessThan',
  'NumericLessThanEquals',
  'NumericGreaterThan',
  'NumericGreaterThanEquals',
  'DateEquals',
  'DateNotEquals',
  'DateLessThan',
  'DateLessThanEquals',
  'DateGreaterThan',
  'DateGreaterThanEquals',
  'Bool',
  'BinaryEquals',
  'IpAddress',
  'NotIpAddress',
  'ArnEquals',
  'ArnLike',
  'ArnNotEquals',
  'ArnNotLike',
  'Null',
] as const;

export type BaseOperator = (typeof BASE_OPERATORS)[number];

export interface OperatorName {
  readonly qualifier?: SetQualifier;
  readonly base: BaseOperator;
  readonly ifExists: boolean;
}

const BY_LOWER_NAME: ReadonlyMap<string, BaseOperator> = new Map(BASE_OPERATORS.map((op) => [op.toLowerCase(), op]));

/** Parses an operator name; returns undefined for an operator AWS does not know. Matching is case-insensitive, as in IAM. */
export function parseOperatorName(written: string): OperatorName | undefined {
  let rest = written;
  let qualifier: SetQualifier | undefined;
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    const prefix = rest.slice(0, colon).toLowerCase();
    if (prefix === 'forallvalues') qualifier = 'ForAllValues';
    else if (prefix === 'foranyvalue') qualifier = 'ForAnyValue';
    else return undefined;
    rest = rest.slice(colon + 1);
  }
  let ifExists = false;
  if (rest.length > 'IfExists'.length && rest.toLowerCase().endsWith('ifexists')) {
    ifExists = true;
    rest = rest.slice(0, -'IfExists'.length);
  }
  const base = BY_LOWER_NAME.get(rest.toLowerCase());
  if (base === undefined) return undefined;
  if (ifExists && base === 'Null') return undefined;
  return qualifier === undefined ? { base, ifExists } : { qualifier, base, ifExists };
}
