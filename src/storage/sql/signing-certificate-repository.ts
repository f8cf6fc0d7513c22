// Signing certificates of users and of the root user (user_id NULL).
import type { CredentialStatus, SigningCertificate } from '../../domain/credentials.js';
import type { SigningCertificateRepository } from '../credential-repositories.js';
import { dateOf } from './columns.js';
import { ownerNameOf } from './credential-owner.js';
import type { SqlExecutor } from './executor.js';
import { defineUserCredentialTable } from './user-credential-table.js';

const signingCertificates = defineUserCredentialTable<SigningCertificate>({
  table: 'signing_certificates',
  kind: 'signing-certificate',
  idColumn: 'certificate_id',
  dateColumn: 'upload_date',
  columns: ['body', 'status', 'upload_date'],
  id: (c) => c.certificateId,
  values: (c) => ({ body: c.body, status: c.status, upload_date: c.uploadDate.getTime() }),
  fromRow: (r) => ({
    accountId: String(r.account_id),
    certificateId: String(r.certificate_id),
    userName: ownerNameOf(r),
    body: String(r.body),
    status: String(r.status) as CredentialStatus,
    uploadDate: dateOf(r.upload_date),
  }),
});

export function sqlSigningCertificateRepository(ex: SqlExecutor): SigningCertificateRepository {
  return {
    ...signingCertificates.repository<string | null>(ex),
    async findByBody(accountId, body) {
      const row = await ex.get(`${signingCertificates.select} WHERE c.account_id = ? AND c.body = ? ORDER BY c.certificate_id`, [
        accountId,
        body,
      ]);
      return row ? signingCertificates.spec.fromRow(row) : undefined;
    },
  };
}
