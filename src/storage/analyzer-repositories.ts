// The Store port for IAM Access Analyzer: analyzers, archive rules and findings, and the
// account-wide reads an unused-access or external-access scan needs, each one set-based query
// (no per-principal round trips), so a scan of 10,000 principals is a handful of statements.

import type { AnalyzerFinding, Analyzer, ArchiveRule } from '../domain/analyzers.js';
import type { Tag } from '../domain/entities.js';

export interface ScanUser {
  readonly id: string;
  readonly name: string;
  readonly arn: string;
  readonly createDate: Date;
  readonly tags: readonly Tag[];
  /** The permissions boundary's ARN (its document is in ScanSource.documents under that key). */
  readonly boundary?: string;
  /** Present when the user has a console password (a login profile). */
  readonly loginProfile?: { readonly createDate: Date; readonly lastUsed?: Date };
}

export interface ScanAccessKey {
  readonly userId: string;
  readonly accessKeyId: string;
  readonly status: 'Active' | 'Inactive';
  readonly createDate: Date;
  readonly lastUsed?: Date;
}

export interface ScanRole {
  readonly id: string;
  readonly name: string;
  readonly path: string;
  readonly arn: string;
  readonly createDate: Date;
  readonly tags: readonly Tag[];
  readonly lastUsed?: Date;
  readonly trustPolicy: string;
  /** The permissions boundary's ARN (its document is in ScanSource.documents under that key). */
  readonly boundary?: string;
}

/** One identity policy that applies to a principal (a user's groups' policies count as the user's). */
export interface ScanPolicyRef {
  readonly principalId: string;
  /** A managed policy's ARN, or `inline:<owner kind>/<owner name>/<policy name>`. */
  readonly policyKey: string;
  readonly kind: 'managed' | 'inline';
}

export interface ScanUse {
  readonly principalArn: string;
  readonly serviceNamespace: string;
  readonly actionName: string;
  readonly lastAccessed: Date;
}

export interface ScanSource {
  readonly users: readonly ScanUser[];
  readonly accessKeys: readonly ScanAccessKey[];
  readonly roles: readonly ScanRole[];
  readonly policies: readonly ScanPolicyRef[];
  /** Each policy's document text by policyKey (boundaries by ARN too), once however many principals share it. */
  readonly documents: ReadonlyMap<string, string>;
  /** The newest use per (principal, service, action), from the access advisor records. */
  readonly uses: readonly ScanUse[];
}

/** An idempotency token as a request used it (see migration 0013). */
export interface ClientTokenUse {
  readonly accountId: string;
  readonly region: string;
  readonly operation: string;
  readonly clientToken: string;
  /** A digest of the request's other parameters. */
  readonly requestDigest: string;
  readonly createdAt: Date;
}

export interface AnalyzerRepository {
  /** Throws EntityAlreadyExistsError when the name is taken in that account and Region. */
  insert(analyzer: Analyzer): Promise<void>;
  get(accountId: string, region: string, name: string): Promise<Analyzer | undefined>;
  /** By name, in byte order. */
  list(accountId: string, region: string): Promise<readonly Analyzer[]>;
  /** Every analyzer of every account (the schedule's view). */
  listAll(): Promise<readonly Analyzer[]>;
  update(analyzer: Analyzer): Promise<boolean>;
  /** Deletes the analyzer with its archive rules and findings. */
  delete(accountId: string, region: string, name: string): Promise<boolean>;

  /** Throws EntityAlreadyExistsError when the rule name is taken for the analyzer. */
  insertRule(rule: ArchiveRule): Promise<void>;
  updateRule(rule: ArchiveRule): Promise<boolean>;
  getRule(accountId: string, region: string, analyzerName: string, ruleName: string): Promise<ArchiveRule | undefined>;
  listRules(accountId: string, region: string, analyzerName: string): Promise<readonly ArchiveRule[]>;
  deleteRule(accountId: string, region: string, analyzerName: string, ruleName: string): Promise<boolean>;

  /** Every finding of the analyzer, by id. */
  listFindings(accountId: string, region: string, analyzerName: string): Promise<readonly AnalyzerFinding[]>;
  getFinding(accountId: string, region: string, analyzerName: string, id: string): Promise<AnalyzerFinding | undefined>;
  /** Inserts or replaces the findings (keyed by analyzer and id), in a few multi-row statements. */
  putFindings(findings: readonly AnalyzerFinding[]): Promise<void>;

  /** The token's use by that operation recorded at or after `since`, if any. */
  getClientToken(accountId: string, region: string, operation: string, clientToken: string, since: Date): Promise<ClientTokenUse | undefined>;
  /** Records a token's use, replacing an older use of it; drops the account's uses older than `expireBefore`. */
  putClientToken(use: ClientTokenUse, expireBefore: Date): Promise<void>;

  /** The principals, credentials, identity policies and uses of an account, for a scan. */
  loadScanSource(accountId: string): Promise<ScanSource>;
}
