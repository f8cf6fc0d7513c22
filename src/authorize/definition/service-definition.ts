// A platform service described the way AWS's service reference describes AWS services
// (PascalCase names, `Actions`, `Resources` with `ARNFormats`, `ConditionKeys` with `Types`),
// plus what Keyward needs to verify and route its clients' requests (`Signing`, `Routes`).

export const ACCESS_LEVELS = ['List', 'Read', 'Write', 'Permissions management', 'Tagging'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

/** Condition key types as the Service Authorization Reference names them. */
export const CONDITION_KEY_TYPES = [
  'String',
  'ArrayOfString',
  'Numeric',
  'ArrayOfNumeric',
  'Date',
  'ArrayOfDate',
  'Bool',
  'ArrayOfBool',
  'IPAddress',
  'ArrayOfIPAddress',
  'ARN',
  'ArrayOfARN',
  'Binary',
] as const;
export type ConditionKeyType = (typeof CONDITION_KEY_TYPES)[number];

export interface DefinedAction {
  readonly Name: string;
  readonly AccessLevel: AccessLevel;
  readonly Description?: string;
  /** Resource types the action takes, by name; none means the action takes `*` only. */
  readonly Resources: readonly { readonly Name: string; readonly Required?: boolean }[];
  /** Condition keys the service sets on requests for this action. */
  readonly ActionConditionKeys: readonly string[];
}

export interface DefinedResourceType {
  readonly Name: string;
  /** `arn:${Partition}:notes::${Account}:note/${Owner}/${NoteId}` */
  readonly ARNFormats: readonly string[];
  readonly ConditionKeys: readonly string[];
}

export interface DefinedConditionKey {
  readonly Name: string;
  readonly Types: readonly ConditionKeyType[];
  readonly Description?: string;
}

/** Canonical URI rules: `double` for every AWS service but S3 (normalise, encode twice), `s3` for S3 style. */
export type UriEncoding = 'double' | 's3';

export interface SigningRules {
  /** The credential scope's service name clients sign with (defaults to the prefix). */
  readonly Name: string;
  /** The values the signed `Host` header may have (`notes.internal`, `notes.internal:8443`). */
  readonly Hosts: readonly string[];
  /** Whether `x-amz-content-sha256: UNSIGNED-PAYLOAD` (and the unsigned streaming trailer mode) is accepted. */
  readonly UnsignedPayload: boolean;
  readonly UriEncoding: UriEncoding;
  /** Regions accepted in the credential scope; any well-formed region when absent. */
  readonly Regions?: readonly string[];
}

/** One ext_authz route: `GET /notes/{Owner}/{NoteId}` -> `GetNote` on an ARN built from the path's captures. */
export interface DefinedRoute {
  readonly Method: string;
  /** Literal segments, `{Name}` for one segment and `{Name+}` for the rest of the path. */
  readonly Path: string;
  /** An action of this service, without the prefix. */
  readonly Action: string;
  /** The resource ARN, with `{Name}` replaced by path captures and `${Account}` by the service's account. */
  readonly Resource: string;
}

export interface ServiceDefinition {
  /** The service prefix policies use (`notes` in `notes:GetNote`). */
  readonly Name: string;
  readonly Description?: string;
  readonly Actions: readonly DefinedAction[];
  readonly Resources: readonly DefinedResourceType[];
  readonly ConditionKeys: readonly DefinedConditionKey[];
  readonly Signing: SigningRules;
  readonly Routes: readonly DefinedRoute[];
}
