// IAM Access Analyzer's analyzers, archive rules and findings in SQL, and the scan's reads:
// one statement per kind of row for the whole account (users, keys, roles, policy references,
// the distinct documents, the newest use per action), never one per principal.
import type { AnalyzerFinding, Analyzer, AnalyzerType, ArchiveRule, FilterCriteria, FindingStatus, FindingType } from '../../domain/analyzers.js';
import type { AnalyzerRepository, ClientTokenUse, ScanAccessKey, ScanPolicyRef, ScanRole, ScanSource, ScanUse, ScanUser } from '../analyzer-repositories.js';
import { EntityAlreadyExistsError } from '../errors.js';
import { dateOf, optionalDate, optionalMillis, optionalText, tagsOf, textOrUndefined } from './columns.js';
import type { SqlExecutor, SqlRow, SqlValue } from './executor.js';

const ANALYZER_COLUMNS = 'account_id, region, name, arn, type, status, created_at, configuration, tags, last_resource_analyzed, last_resource_analyzed_at, last_scan_at';
const RULE_COLUMNS = 'account_id, region, analyzer_name, rule_name, filter, created_at, updated_at';
const FINDING_COLUMNS =
  'account_id, region, analyzer_name, id, finding_type, resource, resource_type, resource_owner_account, status, created_at, updated_at, analyzed_at, details, recommendation';
const FINDING_COUNT = FINDING_COLUMNS.split(',').length;
/** Rows per multi-row INSERT: well under SQLite's and PostgreSQL's bound-parameter limits. */
const FINDING_BATCH = 400;

function analyzerOf(row: SqlRow): Analyzer {
  const configuration = textOrUndefined(row.configuration);
  const lastResourceAnalyzed = textOrUndefined(row.last_resource_analyzed);
  const lastResourceAnalyzedAt = optionalDate(row.last_resource_analyzed_at);
  const lastScanAt = optionalDate(row.last_scan_at);
  return {
    accountId: String(row.account_id),
    region: String(row.region),
    name: String(row.name),
    arn: String(row.arn),
    type: String(row.type) as AnalyzerType,
    status: 'ACTIVE',
    createdAt: dateOf(row.created_at),
    ...(configuration !== undefined && { configuration: JSON.parse(configuration) as Record<string, unknown> }),
    tags: JSON.parse(String(row.tags)) as Record<string, string>,
    ...(lastResourceAnalyzed !== undefined && { lastResourceAnalyzed }),
    ...(lastResourceAnalyzedAt !== undefined && { lastResourceAnalyzedAt }),
    ...(lastScanAt !== undefined && { lastScanAt }),
  };
}

function analyzerParams(a: Analyzer): SqlValue[] {
  return [
    a.accountId,
    a.region,
    a.name,
    a.arn,
    a.type,
    a.status,
    a.createdAt.getTime(),
    a.configuration === undefined ? null : JSON.stringify(a.configuration),
    JSON.stringify(a.tags),
    optionalText(a.lastResourceAnalyzed),
    optionalMillis(a.lastResourceAnalyzedAt),
    optionalMillis(a.lastScanAt),
  ];
}

function ruleOf(row: SqlRow): ArchiveRule {
  return {
    accountId: String(row.account_id),
    region: String(row.region),
    analyzerName: String(row.analyzer_name),
    ruleName: String(row.rule_name),
    filter: JSON.parse(String(row.filter)) as FilterCriteria,
    createdAt: dateOf(row.created_at),
    updatedAt: dateOf(row.updated_at),
  };
}

function findingOf(row: SqlRow): AnalyzerFinding {
  const recommendation = textOrUndefined(row.recommendation);
  return {
    accountId: String(row.account_id),
    region: String(row.region),
    analyzerName: String(row.analyzer_name),
    id: String(row.id),
    findingType: String(row.finding_type) as FindingType,
    resource: String(row.resource),
    resourceType: String(row.resource_type) as AnalyzerFinding['resourceType'],
    resourceOwnerAccount: String(row.resource_owner_account),
    status: String(row.status) as FindingStatus,
    createdAt: dateOf(row.created_at),
    updatedAt: dateOf(row.updated_at),
    analyzedAt: dateOf(row.analyzed_at),
    details: JSON.parse(String(row.details)) as AnalyzerFinding['details'],
    ...(recommendation !== undefined && { recommendation }),
  };
}

function findingParams(f: AnalyzerFinding): SqlValue[] {
  return [
    f.accountId,
    f.region,
    f.analyzerName,
    f.id,
    f.findingType,
    f.resource,
    f.resourceType,
    f.resourceOwnerAccount,
    f.status,
    f.createdAt.getTime(),
    f.updatedAt.getTime(),
    f.analyzedAt.getTime(),
    JSON.stringify(f.details),
    optionalText(f.recommendation),
  ];
}

const MANAGED_DOCUMENT = `SELECT p.arn, v.document FROM managed_policies p
  JOIN policy_versions v ON v.policy_id = p.id AND v.version_id = p.default_version_id
 WHERE p.id IN (
   SELECT policy_id FROM user_policy_attachments WHERE account_id = ?
   UNION SELECT policy_id FROM group_policy_attachments WHERE account_id = ?
   UNION SELECT policy_id FROM role_policy_attachments WHERE account_id = ?)
    OR p.arn IN (SELECT permissions_boundary_arn FROM users WHERE account_id = ?
   UNION SELECT permissions_boundary_arn FROM roles WHERE account_id = ?)`;

const ATTACHMENTS = `SELECT a.user_id AS principal_id, p.arn AS policy_key FROM user_policy_attachments a
  JOIN managed_policies p ON p.id = a.policy_id WHERE a.account_id = ?
UNION ALL
SELECT m.user_id, p.arn FROM group_policy_attachments a
  JOIN group_members m ON m.group_id = a.group_id
  JOIN managed_policies p ON p.id = a.policy_id WHERE a.account_id = ?
UNION ALL
SELECT a.role_id, p.arn FROM role_policy_attachments a
  JOIN managed_policies p ON p.id = a.policy_id WHERE a.account_id = ?`;

const INLINE = `SELECT i.user_id AS principal_id, 'user/' || u.name || '/' || i.name AS policy_key, i.document FROM user_inline_policies i
  JOIN users u ON u.id = i.user_id WHERE u.account_id = ?
UNION ALL
SELECT m.user_id, 'group/' || g.name || '/' || i.name, i.document FROM group_inline_policies i
  JOIN groups g ON g.id = i.group_id
  JOIN group_members m ON m.group_id = i.group_id WHERE g.account_id = ?
UNION ALL
SELECT i.role_id, 'role/' || r.name || '/' || i.name, i.document FROM role_inline_policies i
  JOIN roles r ON r.id = i.role_id WHERE r.account_id = ?`;

export function sqlAnalyzerRepository(ex: SqlExecutor): AnalyzerRepository {
  return {
    async insert(a) {
      const marks = ANALYZER_COLUMNS.split(',').map(() => '?').join(', ');
      const { changes } = await ex.run(`INSERT INTO analyzers (${ANALYZER_COLUMNS}) VALUES (${marks}) ON CONFLICT DO NOTHING`, analyzerParams(a));
      if (changes === 0) throw new EntityAlreadyExistsError('analyzer', a.name);
    },
    async get(accountId, region, name) {
      const row = await ex.get(`SELECT ${ANALYZER_COLUMNS} FROM analyzers WHERE account_id = ? AND region = ? AND name = ?`, [accountId, region, name]);
      return row === undefined ? undefined : analyzerOf(row);
    },
    async list(accountId, region) {
      const rows = await ex.all(`SELECT ${ANALYZER_COLUMNS} FROM analyzers WHERE account_id = ? AND region = ? ORDER BY name`, [accountId, region]);
      return rows.map(analyzerOf);
    },
    async listAll() {
      return (await ex.all(`SELECT ${ANALYZER_COLUMNS} FROM analyzers ORDER BY account_id, region, name`)).map(analyzerOf);
    },
    async update(a) {
      const p = analyzerParams(a);
      const { changes } = await ex.run(
        `UPDATE analyzers SET arn = ?, type = ?, status = ?, created_at = ?, configuration = ?, tags = ?, last_resource_analyzed = ?, last_resource_analyzed_at = ?, last_scan_at = ?
          WHERE account_id = ? AND region = ? AND name = ?`,
        [...p.slice(3), a.accountId, a.region, a.name],
      );
      return changes > 0;
    },
    async delete(accountId, region, name) {
      const key = [accountId, region, name];
      await ex.run('DELETE FROM analyzer_findings WHERE account_id = ? AND region = ? AND analyzer_name = ?', key);
      await ex.run('DELETE FROM analyzer_archive_rules WHERE account_id = ? AND region = ? AND analyzer_name = ?', key);
      return (await ex.run('DELETE FROM analyzers WHERE account_id = ? AND region = ? AND name = ?', key)).changes > 0;
    },

    async insertRule(r) {
      const { changes } = await ex.run(`INSERT INTO analyzer_archive_rules (${RULE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`, [
        r.accountId,
        r.region,
        r.analyzerName,
        r.ruleName,
        JSON.stringify(r.filter),
        r.createdAt.getTime(),
        r.updatedAt.getTime(),
      ]);
      if (changes === 0) throw new EntityAlreadyExistsError('analyzer-archive-rule', r.ruleName);
    },
    async updateRule(r) {
      const { changes } = await ex.run(
        'UPDATE analyzer_archive_rules SET filter = ?, updated_at = ? WHERE account_id = ? AND region = ? AND analyzer_name = ? AND rule_name = ?',
        [JSON.stringify(r.filter), r.updatedAt.getTime(), r.accountId, r.region, r.analyzerName, r.ruleName],
      );
      return changes > 0;
    },
    async getRule(accountId, region, analyzerName, ruleName) {
      const row = await ex.get(`SELECT ${RULE_COLUMNS} FROM analyzer_archive_rules WHERE account_id = ? AND region = ? AND analyzer_name = ? AND rule_name = ?`, [
        accountId,
        region,
        analyzerName,
        ruleName,
      ]);
      return row === undefined ? undefined : ruleOf(row);
    },
    async listRules(accountId, region, analyzerName) {
      const rows = await ex.all(`SELECT ${RULE_COLUMNS} FROM analyzer_archive_rules WHERE account_id = ? AND region = ? AND analyzer_name = ? ORDER BY rule_name`, [
        accountId,
        region,
        analyzerName,
      ]);
      return rows.map(ruleOf);
    },
    async deleteRule(accountId, region, analyzerName, ruleName) {
      const sql = 'DELETE FROM analyzer_archive_rules WHERE account_id = ? AND region = ? AND analyzer_name = ? AND rule_name = ?';
      return (await ex.run(sql, [accountId, region, analyzerName, ruleName])).changes > 0;
    },

    async listFindings(accountId, region, analyzerName) {
      const rows = await ex.all(`SELECT ${FINDING_COLUMNS} FROM analyzer_findings WHERE account_id = ? AND region = ? AND analyzer_name = ? ORDER BY id`, [
        accountId,
        region,
        analyzerName,
      ]);
      return rows.map(findingOf);
    },
    async getFinding(accountId, region, analyzerName, id) {
      const row = await ex.get(`SELECT ${FINDING_COLUMNS} FROM analyzer_findings WHERE account_id = ? AND region = ? AND analyzer_name = ? AND id = ?`, [
        accountId,
        region,
        analyzerName,
        id,
      ]);
      return row === undefined ? undefined : findingOf(row);
    },
    async putFindings(findings) {
      const row = `(${Array.from({ length: FINDING_COUNT }, () => '?').join(', ')})`;
      for (let i = 0; i < findings.length; i += FINDING_BATCH) {
        const batch = findings.slice(i, i + FINDING_BATCH);
        await ex.run(
          `INSERT INTO analyzer_findings (${FINDING_COLUMNS}) VALUES ${batch.map(() => row).join(', ')}
           ON CONFLICT (account_id, region, analyzer_name, id) DO UPDATE SET
             finding_type = excluded.finding_type, resource = excluded.resource, resource_type = excluded.resource_type,
             resource_owner_account = excluded.resource_owner_account, status = excluded.status, created_at = excluded.created_at,
             updated_at = excluded.updated_at, analyzed_at = excluded.analyzed_at, details = excluded.details,
             recommendation = excluded.recommendation`,
          batch.flatMap(findingParams),
        );
      }
    },

    async getClientToken(accountId, region, operation, clientToken, since): Promise<ClientTokenUse | undefined> {
      const row = await ex.get(
        'SELECT request_digest, created_at FROM analyzer_client_tokens WHERE account_id = ? AND region = ? AND operation = ? AND client_token = ? AND created_at >= ?',
        [accountId, region, operation, clientToken, since.getTime()],
      );
      return row === undefined ? undefined : { accountId, region, operation, clientToken, requestDigest: String(row.request_digest), createdAt: dateOf(row.created_at) };
    },
    async putClientToken(use, expireBefore) {
      await ex.run('DELETE FROM analyzer_client_tokens WHERE account_id = ? AND created_at < ?', [use.accountId, expireBefore.getTime()]);
      await ex.run(
        `INSERT INTO analyzer_client_tokens (account_id, region, operation, client_token, request_digest, created_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (account_id, region, operation, client_token) DO UPDATE SET request_digest = excluded.request_digest, created_at = excluded.created_at`,
        [use.accountId, use.region, use.operation, use.clientToken, use.requestDigest, use.createdAt.getTime()],
      );
    },

    async loadScanSource(accountId): Promise<ScanSource> {
      const userRows = await ex.all(
        `SELECT u.id, u.name, u.arn, u.create_date, u.tags, u.password_last_used, u.permissions_boundary_arn, l.create_date AS profile_created, l.password_last_used AS profile_last_used,
                l.user_id AS profile_user
           FROM users u LEFT JOIN login_profiles l ON l.user_id = u.id WHERE u.account_id = ?`,
        [accountId],
      );
      const users = userRows.map((r): ScanUser => {
        const lastUsed = optionalDate(r.profile_last_used) ?? optionalDate(r.password_last_used);
        const boundary = textOrUndefined(r.permissions_boundary_arn);
        return {
          id: String(r.id),
          name: String(r.name),
          arn: String(r.arn),
          createDate: dateOf(r.create_date),
          tags: tagsOf(r.tags),
          ...(boundary !== undefined && { boundary }),
          ...(r.profile_user !== null && r.profile_user !== undefined && { loginProfile: { createDate: dateOf(r.profile_created), ...(lastUsed !== undefined && { lastUsed }) } }),
        };
      });
      const keyRows = await ex.all('SELECT user_id, access_key_id, status, create_date, last_used_date FROM access_keys WHERE account_id = ? AND user_id IS NOT NULL', [accountId]);
      const accessKeys = keyRows.map((r): ScanAccessKey => {
        const lastUsed = optionalDate(r.last_used_date);
        return {
          userId: String(r.user_id),
          accessKeyId: String(r.access_key_id),
          status: String(r.status) as ScanAccessKey['status'],
          createDate: dateOf(r.create_date),
          ...(lastUsed !== undefined && { lastUsed }),
        };
      });
      const roleRows = await ex.all('SELECT id, name, path, arn, create_date, tags, last_used_date, assume_role_policy_document, permissions_boundary_arn FROM roles WHERE account_id = ?', [accountId]);
      const roles = roleRows.map((r): ScanRole => {
        const lastUsed = optionalDate(r.last_used_date);
        const boundary = textOrUndefined(r.permissions_boundary_arn);
        return {
          id: String(r.id),
          name: String(r.name),
          path: String(r.path),
          arn: String(r.arn),
          createDate: dateOf(r.create_date),
          tags: tagsOf(r.tags),
          ...(lastUsed !== undefined && { lastUsed }),
          trustPolicy: String(r.assume_role_policy_document),
          ...(boundary !== undefined && { boundary }),
        };
      });
      const documents = new Map<string, string>();
      for (const r of await ex.all(MANAGED_DOCUMENT, [accountId, accountId, accountId, accountId, accountId])) documents.set(String(r.arn), String(r.document));
      const policies: ScanPolicyRef[] = [];
      for (const r of await ex.all(ATTACHMENTS, [accountId, accountId, accountId])) policies.push({ principalId: String(r.principal_id), policyKey: String(r.policy_key), kind: 'managed' });
      for (const r of await ex.all(INLINE, [accountId, accountId, accountId])) {
        const key = `inline:${String(r.policy_key)}`;
        documents.set(key, String(r.document));
        policies.push({ principalId: String(r.principal_id), policyKey: key, kind: 'inline' });
      }
      const useRows = await ex.all(
        `SELECT principal_arn, service_namespace, action_name, MAX(last_accessed) AS last_accessed FROM service_access_events
          WHERE account_id = ? GROUP BY principal_arn, service_namespace, action_name`,
        [accountId],
      );
      const uses = useRows.map(
        (r): ScanUse => ({ principalArn: String(r.principal_arn), serviceNamespace: String(r.service_namespace), actionName: String(r.action_name), lastAccessed: dateOf(r.last_accessed) }),
      );
      return { users, accessKeys, roles, policies, documents, uses };
    },
  };
}
