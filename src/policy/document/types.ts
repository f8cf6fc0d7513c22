// Typed form of an AWS JSON policy document, as produced by the parser.
// Wire names stay in the JSON; these are the domain names the engine uses.

/** Where a policy sits in the AWS evaluation logic; decides which elements are required or forbidden. */
export type PolicyKind = 'identity' | 'resource' | 'trust' | 'boundary' | 'session' | 'scp' | 'rcp';

export type PolicyVersion = '2012-10-17' | '2008-10-17';

export type Effect = 'Allow' | 'Deny';

/** A `Principal` or `NotPrincipal` block. `"*"` sets `wildcard`; `{"AWS": "*"}` puts `*` in `aws`. */
export interface PrincipalSpec {
  readonly wildcard: boolean;
  readonly aws: readonly string[];
  readonly service: readonly string[];
  readonly federated: readonly string[];
  readonly canonicalUser: readonly string[];
}

/** One (operator, key) pair of a `Condition` block, values stringified as AWS does (true -> "true", 5 -> "5"). */
export interface ConditionEntry {
  /** As written, for example `ForAnyValue:StringLikeIfExists`. */
  readonly operator: string;
  /** As written, for example `aws:PrincipalTag/Team`. */
  readonly key: string;
  readonly values: readonly string[];
  /** JSON path of the key, for example `Statement[0].Condition.StringEquals.aws:username`. */
  readonly path: string;
}

export interface PolicyStatement {
  /** Position in the `Statement` array (0 when `Statement` is a single object). */
  readonly index: number;
  readonly sid?: string;
  readonly effect: Effect;
  readonly action?: readonly string[];
  readonly notAction?: readonly string[];
  readonly resource?: readonly string[];
  readonly notResource?: readonly string[];
  readonly principal?: PrincipalSpec;
  readonly notPrincipal?: PrincipalSpec;
  readonly conditions: readonly ConditionEntry[];
}

export interface PolicyDocument {
  /** `2008-10-17` when the document has no `Version` (AWS's default: no policy variables). */
  readonly version: PolicyVersion;
  readonly versionGiven: boolean;
  readonly id?: string;
  readonly statements: readonly PolicyStatement[];
  /** The exact text the user sent. */
  readonly text: string;
  /** Size as AWS counts it against quotas: non-white-space characters. */
  readonly size: number;
}

/** A problem found in a document, with the JSON path it concerns (`$` is the document). */
export interface PolicyProblem {
  readonly path: string;
  readonly message: string;
}

export type ParseResult =
  | { readonly ok: true; readonly document: PolicyDocument }
  | {
      readonly ok: false;
      readonly problems: readonly PolicyProblem[];
      /** The `MalformedPolicyDocument` message AWS gives for the first problem. */
      readonly message: string;
    };
