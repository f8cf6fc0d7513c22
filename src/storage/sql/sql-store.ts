// Turns a backend's SqlDriver into the Store port: each read()/write() gets a fresh set of
// repositories over the transaction's executor, which refuses use after the callback ends.
import { nameKey } from '../../domain/names.js';
import { ALL_MIGRATIONS } from '../migrations/all-migrations.js';
import type { Store, StoreTx } from '../ports.js';
import { sqlAccessKeyRepository, RECORD_ACCESS_KEY_USE_SQL } from './access-key-repository.js';
import { sqlAccountRepository, sqlAliasRepository } from './account-repository.js';
import { sqlAuditRepository } from './audit-repository.js';
import { sqlAnalyzerRepository } from './analyzer-repository.js';
import { sqlEventsRepository } from './events-repository.js';
import type { SqlDriver, SqlExecutor } from './executor.js';
import { memoizeReads } from './read-memo.js';
import { sqlGroupRepository } from './group-repository.js';
import { sqlCredentialReportRepository } from './credential-report-repository.js';
import { sqlInlinePolicyRepository } from './inline-policy-repository.js';
import { sqlInstanceProfileRepository } from './instance-profile-repository.js';
import {
  RECORD_ROOT_PASSWORD_USE_SQL,
  RECORD_USER_PASSWORD_USE_SQL,
  sqlLoginProfileRepository,
} from './login-profile-repository.js';
import {
  ACCEPT_TIME_STEP_SQL,
  acceptTimeStepParams,
  CHARGE_MFA_ATTEMPT_SQL,
  chargeMfaAttemptParams,
  sqlMfaDeviceRepository,
} from './mfa-device-repository.js';
import { sqlOidcProviderRepository } from './oidc-provider-repository.js';
import { sqlPolicyRepository } from './policy-repository.js';
import { RECORD_ROLE_USE_BY_ID_SQL, sqlRoleRepository } from './role-repository.js';
import { sqlSamlProviderRepository } from './saml-provider-repository.js';
import { serverCertificateTable } from './server-certificate-table.js';
import {
  RECORD_SERVICE_ACCESS_SQL,
  recordServiceAccessParams,
  sqlServiceAccessRepository,
} from './service-access-repository.js';
import { sqlServiceDefinitionRepository } from './service-definition-repository.js';
import { sqlPolicyGenerationRepository } from './policy-generation-repository.js';
import { sqlServiceLastAccessedJobRepository } from './service-last-accessed-job-repository.js';
import { sqlServiceSpecificCredentialRepository } from './service-specific-credential-repository.js';
import { sqlSigningCertificateRepository } from './signing-certificate-repository.js';
import { sqlSshPublicKeyRepository } from './ssh-public-key-repository.js';
import { sqlRootAccountRepository } from './root-account-repository.js';
import { sqlConsoleExplanationRepository } from './console-explanation-repository.js';
import { userTable } from './user-table.js';

/** How long past its time a one-time value is kept (claimOnce): more than any sane clock skew. */
const USED_ONCE_MARGIN_MS = 15 * 60 * 1000;

/** How each repository is made over a transaction's executor. */
const REPOSITORIES: { readonly [K in Exclude<keyof StoreTx, 'savepoint'>]: (ex: SqlExecutor) => StoreTx[K] } = {
  accounts: sqlAccountRepository,
  aliases: sqlAliasRepository,
  users: (ex) => userTable.repository(ex),
  groups: sqlGroupRepository,
  roles: sqlRoleRepository,
  policies: sqlPolicyRepository,
  inlinePolicies: sqlInlinePolicyRepository,
  accessKeys: sqlAccessKeyRepository,
  instanceProfiles: sqlInstanceProfileRepository,
  loginProfiles: sqlLoginProfileRepository,
  mfaDevices: sqlMfaDeviceRepository,
  signingCertificates: sqlSigningCertificateRepository,
  sshPublicKeys: sqlSshPublicKeyRepository,
  serviceSpecificCredentials: sqlServiceSpecificCredentialRepository,
  oidcProviders: sqlOidcProviderRepository,
  samlProviders: sqlSamlProviderRepository,
  serverCertificates: (ex) => serverCertificateTable.repository(ex),
  serviceAccess: sqlServiceAccessRepository,
  serviceLastAccessedJobs: sqlServiceLastAccessedJobRepository,
  serviceDefinitions: sqlServiceDefinitionRepository,
  credentialReports: sqlCredentialReportRepository,
  audit: sqlAuditRepository,
  events: sqlEventsRepository,
  policyGenerations: sqlPolicyGenerationRepository,
  rootAccount: sqlRootAccountRepository,
  consoleExplanations: sqlConsoleExplanationRepository,
  analyzers: sqlAnalyzerRepository,
};

/** A transaction's repositories, each made on first use: most requests touch one or two of the twenty. */
class SqlTx {
  #savepoints = 0;

  constructor(readonly ex: SqlExecutor) {}

  async savepoint<T>(fn: () => Promise<T>): Promise<T> {
    const name = `keyward_step_${(this.#savepoints += 1)}`;
    await this.ex.run(`SAVEPOINT ${name}`);
    try {
      const result = await fn();
      await this.ex.run(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (error) {
      await this.ex.run(`ROLLBACK TO SAVEPOINT ${name}`);
      await this.ex.run(`RELEASE SAVEPOINT ${name}`);
      throw error;
    }
  }
}
for (const [key, make] of Object.entries(REPOSITORIES) as [keyof StoreTx, (ex: SqlExecutor) => unknown][]) {
  Object.defineProperty(SqlTx.prototype, key, {
    get(this: SqlTx) {
      const repository = make(this.ex);
      Object.defineProperty(this, key, { value: repository });
      return repository;
    },
  });
}

export function createSqlTx(ex: SqlExecutor): StoreTx {
  return new SqlTx(ex) as unknown as StoreTx;
}

/**
 * Wraps `ex` so that a repository kept past its callback (an un-awaited call, a leaked tx)
 * fails loudly instead of running outside the transaction or inside someone else's.
 */
function scoped<T>(run: (fn: (ex: SqlExecutor) => Promise<T>) => Promise<T>, fn: (tx: StoreTx) => Promise<T>): Promise<T> {
  return run(async (ex) => {
    let open = true;
    const check = (): void => {
      if (!open) throw new Error('store transaction already finished: await every store call inside the callback');
    };
    const guarded: SqlExecutor = {
      all(sql, params) {
        check();
        return ex.all(sql, params);
      },
      get(sql, params) {
        check();
        return ex.get(sql, params);
      },
      run(sql, params) {
        check();
        return ex.run(sql, params);
      },
    };
    try {
      return await fn(createSqlTx(guarded));
    } finally {
      open = false;
    }
  });
}

export function createSqlStore(driver: SqlDriver): Store {
  return {
    // Reads see one snapshot: a repeated single-row read is answered from memory (read-memo.ts).
    read: (fn) => scoped((inner) => driver.read((ex) => inner(memoizeReads(ex))), fn),
    write: (fn) => scoped((inner) => driver.write(inner), fn),
    writeTrail: (fn) => scoped((inner) => driver.write(inner, { quiet: true }), fn),
    generation: () => driver.generation(),
    syncGeneration: () => driver.syncGeneration(),

    async health() {
      const row = await driver.read((ex) => ex.get<{ version: number | null }>('SELECT MAX(version) AS version FROM schema_migrations'));
      const latest = ALL_MIGRATIONS[ALL_MIGRATIONS.length - 1]?.version ?? 0;
      const listener = driver.listenerUp?.();
      return {
        migrationsCurrent: Number(row?.version ?? 0) === latest,
        changeListener: listener === undefined ? 'none' : listener ? 'up' : 'down',
      };
    },

    async recordAccessKeyUse(accessKeyId, use) {
      await driver.runOne(RECORD_ACCESS_KEY_USE_SQL, [use.date.getTime(), use.service, use.region, accessKeyId]);
    },

    async recordRoleUse(accountId, roleId, use) {
      await driver.runOne(RECORD_ROLE_USE_BY_ID_SQL, [use.date.getTime(), use.region, accountId, roleId]);
    },

    async recordPasswordUse(accountId, userName, date) {
      if (userName === null) {
        await driver.runOne(RECORD_ROOT_PASSWORD_USE_SQL, [date.getTime(), accountId]);
        return;
      }
      const key = nameKey(userName);
      // Two autocommitted statements: both only move a last-used time forward, so a crash
      // between them loses nothing that matters.
      await driver.runOne('UPDATE users SET password_last_used = ? WHERE account_id = ? AND name_key = ?', [
        date.getTime(),
        accountId,
        key,
      ]);
      await driver.runOne(RECORD_USER_PASSWORD_USE_SQL, [date.getTime(), accountId, accountId, key]);
    },

    async acceptMfaTimeStep(accountId, serialNumber, step) {
      const params = acceptTimeStepParams(accountId, serialNumber, step);
      return (await driver.runOne(ACCEPT_TIME_STEP_SQL, params)).changes > 0;
    },

    async claimOnce(scope, value, expiresAt, now) {
      // Forgotten only well after their time, by this node's clock: a node whose clock is
      // behind may still accept what a node ahead of it thinks has expired.
      await driver.runOne('DELETE FROM used_once WHERE expires_at <= ?', [now.getTime() - USED_ONCE_MARGIN_MS]);
      const sql = 'INSERT INTO used_once (scope, value, expires_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING';
      return (await driver.runOne(sql, [scope, value, expiresAt.getTime()])).changes > 0;
    },

    async chargeMfaAttempt(accountId, serialNumber, now, rule) {
      return (await driver.runOne(CHARGE_MFA_ATTEMPT_SQL, chargeMfaAttemptParams(accountId, serialNumber, now, rule))).changes > 0;
    },

    async recordServiceAccess(event) {
      await driver.runOne(RECORD_SERVICE_ACCESS_SQL, recordServiceAccessParams(event));
    },

    async recordUsage(batch) {
      if (batch.accessKeys.length + batch.roles.length + batch.serviceAccess.length === 0) return;
      await driver.write(
        async (ex) => {
          for (const { accessKeyId, use } of batch.accessKeys) {
            await ex.run(RECORD_ACCESS_KEY_USE_SQL, [use.date.getTime(), use.service, use.region, accessKeyId]);
          }
          for (const { accountId, roleId, use } of batch.roles) {
            await ex.run(RECORD_ROLE_USE_BY_ID_SQL, [use.date.getTime(), use.region, accountId, roleId]);
          }
          for (const event of batch.serviceAccess) await ex.run(RECORD_SERVICE_ACCESS_SQL, recordServiceAccessParams(event));
        },
        { bookkeeping: true },
      );
    },

    flushUsage: () => Promise.resolve(),

    close: () => driver.close(),
  };
}
