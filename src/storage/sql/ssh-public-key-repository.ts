// SSH public keys of IAM users (the root user has none).
import type { CredentialStatus, SshPublicKey } from '../../domain/credentials.js';
import type { SshPublicKeyRepository } from '../credential-repositories.js';
import { dateOf } from './columns.js';
import type { SqlExecutor } from './executor.js';
import { defineUserCredentialTable } from './user-credential-table.js';

const sshPublicKeys = defineUserCredentialTable<SshPublicKey>({
  table: 'ssh_public_keys',
  kind: 'ssh-public-key',
  idColumn: 'ssh_public_key_id',
  dateColumn: 'upload_date',
  columns: ['body', 'fingerprint', 'status', 'upload_date'],
  id: (k) => k.sshPublicKeyId,
  values: (k) => ({ body: k.body, fingerprint: k.fingerprint, status: k.status, upload_date: k.uploadDate.getTime() }),
  fromRow: (r) => ({
    accountId: String(r.account_id),
    sshPublicKeyId: String(r.ssh_public_key_id),
    userName: String(r.user_name),
    body: String(r.body),
    fingerprint: String(r.fingerprint),
    status: String(r.status) as CredentialStatus,
    uploadDate: dateOf(r.upload_date),
  }),
});

export function sqlSshPublicKeyRepository(ex: SqlExecutor): SshPublicKeyRepository {
  return sshPublicKeys.repository<string>(ex);
}
