// DeleteServiceLinkedRole's deletion tasks, without a table: the task id names the service
// and role and carries a token sealed by the server's master key for that account, service
// and role. Only ids this server issued verify, so unknown ids answer NoSuchEntity.

import type { SecretBox } from '../../../auth/secret-box.js';

const PREFIX = 'task/aws-service-role/';
// An AES-GCM seal of the empty text is "k1.<iv>.<tag>.": 16 + 22 base64url characters.
const IV_CHARS = 16;
const TOKEN = /^[A-Za-z0-9_-]{38}$/;

export interface DeletionTask {
  readonly service: string;
  readonly roleName: string;
}

const sealContext = (accountId: string, task: DeletionTask): string =>
  `slr-deletion-task:${accountId}:${task.service}:${task.roleName}`;

/** `task/aws-service-role/<service>/<role>/<token>`, the documented shape with our token in place of a UUID. */
export function newDeletionTaskId(secrets: Pick<SecretBox, 'seal'>, accountId: string, task: DeletionTask): string {
  const [, iv = '', tag = ''] = secrets.seal('', sealContext(accountId, task)).split('.');
  return `${PREFIX}${task.service}/${task.roleName}/${iv}${tag}`;
}

/** The shape alone: InvalidInput territory when this is undefined. */
export function parseDeletionTaskId(id: string): (DeletionTask & { readonly token: string }) | undefined {
  if (!id.startsWith(PREFIX)) return undefined;
  const parts = id.slice(PREFIX.length).split('/');
  if (parts.length !== 3) return undefined;
  const [service = '', roleName = '', token = ''] = parts;
  if (service === '' || roleName === '') return undefined;
  return { service, roleName, token };
}

function isCanonical(base64url: string): boolean {
  return Buffer.from(base64url, 'base64url').toString('base64url') === base64url;
}

/** The task when this server issued the id for this account; undefined otherwise. */
export function verifyDeletionTaskId(secrets: Pick<SecretBox, 'open'>, accountId: string, id: string): DeletionTask | undefined {
  const parsed = parseDeletionTaskId(id);
  if (parsed === undefined || !TOKEN.test(parsed.token)) return undefined;
  const iv = parsed.token.slice(0, IV_CHARS);
  const tag = parsed.token.slice(IV_CHARS);
  // Only the canonical spelling: base64url's unused low bits must not give one task two ids.
  if (!isCanonical(iv) || !isCanonical(tag)) return undefined;
  const task = { service: parsed.service, roleName: parsed.roleName };
  const sealed = `k1.${iv}.${tag}.`;
  try {
    secrets.open(sealed, sealContext(accountId, task));
    return task;
  } catch {
    return undefined;
  }
}
