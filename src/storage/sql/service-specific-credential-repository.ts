// Service-specific credentials (CodeCommit and Keyspaces passwords, Bedrock API keys) of IAM
// users. The secret arrives sealed; ResetServiceSpecificCredential replaces it.
import type { CredentialStatus, ServiceSpecificCredential } from '../../domain/credentials.js';
import { nameKey } from '../../domain/names.js';
import type { ServiceSpecificCredentialRepository } from '../credential-repositories.js';
import { dateOf, optionalDate, optionalMillis, optionalText, textOrUndefined } from './columns.js';
import type { SqlExecutor, SqlValue } from './executor.js';
import { joinKey, limitPlusOne, splitKey, toPage } from './paging.js';
import { defineUserCredentialTable } from './user-credential-table.js';

const credentials = defineUserCredentialTable<ServiceSpecificCredential>({
  table: 'service_specific_credentials',
  kind: 'service-specific-credential',
  idColumn: 'credential_id',
  dateColumn: 'create_date',
  columns: [
    'service_name',
    'service_user_name',
    'service_credential_alias',
    'sealed_secret',
    'status',
    'create_date',
    'expiration_date',
  ],
  id: (c) => c.serviceSpecificCredentialId,
  values: (c) => ({
    service_name: c.serviceName,
    service_user_name: optionalText(c.serviceUserName),
    service_credential_alias: optionalText(c.serviceCredentialAlias),
    sealed_secret: c.sealedSecret,
    status: c.status,
    create_date: c.createDate.getTime(),
    expiration_date: optionalMillis(c.expirationDate),
  }),
  fromRow: (r) => {
    const serviceUserName = textOrUndefined(r.service_user_name);
    const serviceCredentialAlias = textOrUndefined(r.service_credential_alias);
    const expirationDate = optionalDate(r.expiration_date);
    return {
      accountId: String(r.account_id),
      serviceSpecificCredentialId: String(r.credential_id),
      userName: String(r.user_name),
      serviceName: String(r.service_name),
      ...(serviceUserName === undefined ? {} : { serviceUserName }),
      ...(serviceCredentialAlias === undefined ? {} : { serviceCredentialAlias }),
      sealedSecret: String(r.sealed_secret),
      status: String(r.status) as CredentialStatus,
      createDate: dateOf(r.create_date),
      ...(expirationDate === undefined ? {} : { expirationDate }),
    };
  },
});

const OF_USER_AND_SERVICE = `c.user_id IN (SELECT id FROM users WHERE account_id = ? AND name_key = ?)
   AND c.account_id = ? AND c.service_name = ?`;

export function sqlServiceSpecificCredentialRepository(ex: SqlExecutor): ServiceSpecificCredentialRepository {
  return {
    ...credentials.repository<string>(ex),

    async listForUserAndService(accountId, userName, serviceName) {
      const rows = await ex.all(
        `${credentials.select} WHERE ${OF_USER_AND_SERVICE} ORDER BY c.create_date, c.credential_id`,
        [accountId, nameKey(userName), accountId, serviceName],
      );
      return rows.map(credentials.spec.fromRow);
    },

    async countForUserAndService(accountId, userName, serviceName) {
      const row = await ex.get<{ n: number }>(
        `SELECT COUNT(*) AS n FROM service_specific_credentials c WHERE ${OF_USER_AND_SERVICE}`,
        [accountId, nameKey(userName), accountId, serviceName],
      );
      return Number(row?.n ?? 0);
    },

    async listAll(request) {
      const params: SqlValue[] = [request.accountId];
      let where = 'c.account_id = ?';
      if (request.serviceName !== undefined) {
        where += ' AND c.service_name = ?';
        params.push(request.serviceName);
      }
      if (request.after !== undefined) {
        const [userKey, id] = splitKey(request.after);
        where += ' AND (u.name_key > ? OR (u.name_key = ? AND c.credential_id > ?))';
        params.push(userKey, userKey, id);
      }
      params.push(limitPlusOne(request));
      const rows = await ex.all(`${credentials.select} WHERE ${where} ORDER BY u.name_key, c.credential_id LIMIT ?`, params);
      return toPage(rows, request, credentials.spec.fromRow, (r) => joinKey(nameKey(String(r.user_name)), String(r.credential_id)));
    },

    async updateSecret(accountId, id, sealedSecret) {
      const { changes } = await ex.run(
        'UPDATE service_specific_credentials SET sealed_secret = ? WHERE account_id = ? AND credential_id = ?',
        [sealedSecret, accountId, id],
      );
      return changes > 0;
    },
  };
}
