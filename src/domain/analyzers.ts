// IAM Access Analyzer's analyzers, archive rules and findings as Keyward keeps them. Wire
// shapes (configuration, filters, finding details) stay in AWS's JSON members, so what a
// client sent is what it reads back.

export type AnalyzerType = 'ACCOUNT' | 'ACCOUNT_UNUSED_ACCESS';

export type FindingStatus = 'ACTIVE' | 'ARCHIVED' | 'RESOLVED';

export type FindingType = 'ExternalAccess' | 'UnusedIAMRole' | 'UnusedIAMUserAccessKey' | 'UnusedIAMUserPassword' | 'UnusedPermission';

/** One criterion of a filter (ListFindingsV2's `filter`, an archive rule's). */
export interface Criterion {
  readonly eq?: readonly string[];
  readonly neq?: readonly string[];
  readonly contains?: readonly string[];
  readonly exists?: boolean;
}

export type FilterCriteria = Readonly<Record<string, Criterion>>;

export interface Analyzer {
  readonly accountId: string;
  readonly region: string;
  readonly name: string;
  readonly arn: string;
  readonly type: AnalyzerType;
  readonly status: 'ACTIVE';
  readonly createdAt: Date;
  /** The `configuration` union as the client sent it (unused access: `{unusedAccess: {...}}`). */
  readonly configuration?: Readonly<Record<string, unknown>>;
  readonly tags: Readonly<Record<string, string>>;
  readonly lastResourceAnalyzed?: string;
  readonly lastResourceAnalyzedAt?: Date;
  /** When the last scan committed; the schedule scans again one interval later. */
  readonly lastScanAt?: Date;
}

export interface ArchiveRule {
  readonly accountId: string;
  readonly region: string;
  readonly analyzerName: string;
  readonly ruleName: string;
  readonly filter: FilterCriteria;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface AnalyzerFinding {
  readonly accountId: string;
  readonly region: string;
  readonly analyzerName: string;
  readonly id: string;
  readonly findingType: FindingType;
  readonly resource: string;
  readonly resourceType: 'AWS::IAM::Role' | 'AWS::IAM::User';
  readonly resourceOwnerAccount: string;
  readonly status: FindingStatus;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly analyzedAt: Date;
  /** FindingDetails entries as AWS's wire members (`unusedPermissionDetails`, ...). */
  readonly details: readonly Readonly<Record<string, unknown>>[];
  /** GetFindingRecommendation's answer once generated, as JSON text. */
  readonly recommendation?: string;
}

/** Days of inactivity after which access counts as unused when the analyzer does not say. */
export const DEFAULT_UNUSED_ACCESS_AGE_DAYS = 90;

export function analyzerArn(region: string, accountId: string, name: string): string {
  return `arn:aws:access-analyzer:${region}:${accountId}:analyzer/${name}`;
}

export function archiveRuleArn(region: string, accountId: string, analyzerName: string, ruleName: string): string {
  return `${analyzerArn(region, accountId, analyzerName)}/archive-rule/${ruleName}`;
}
