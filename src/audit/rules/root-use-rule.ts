// `keyward serve --alert-root-use URL`: Keyward's own rule, AWS's recommended root-activity
// pattern (any API call or console sign-in by the root user) with one target, an API
// destination at URL behind an API_KEY connection. Made on the first start and brought up to
// date on later ones, keeping the ARNs (rows already queued for it stay deliverable).

import { randomBytes, randomUUID } from 'node:crypto';
import type { SecretBox } from '../../auth/secret-box.js';
import type { Store } from '../../storage/ports.js';
import { API_CALL_DETAIL_TYPE, CONSOLE_SIGN_IN_DETAIL_TYPE } from './envelope.js';

export const ROOT_USE_NAME = 'keyward-root-use';
/** The header the connection's key travels in; the same key signs each alert. */
export const ROOT_USE_KEY_HEADER = 'X-Keyward-Alert-Key';
/** Where IAM's and sign-in's events land, so where AWS's guidance puts this rule. */
const REGION = 'us-east-1';

export const ROOT_USE_PATTERN = JSON.stringify({
  'detail-type': [API_CALL_DETAIL_TYPE, CONSOLE_SIGN_IN_DETAIL_TYPE],
  detail: { userIdentity: { type: ['Root'] } },
});

export interface RootUseAlert {
  readonly accountId: string;
  readonly url: string;
  /** The key sent and signed with; kept from the last start (or random) when absent. */
  readonly secret?: string;
  readonly now: Date;
}

export async function ensureRootUseRule(store: Store, secrets: SecretBox, alert: RootUseAlert): Promise<void> {
  const { accountId, now } = alert;
  const prefix = `arn:aws:events:${REGION}:${accountId}`;
  await store.write(async (tx) => {
    const oldConnection = await tx.events.getConnection(accountId, ROOT_USE_NAME);
    const connectionArn = oldConnection?.arn ?? `${prefix}:connection/${ROOT_USE_NAME}/${randomUUID()}`;
    const secret = alert.secret ?? (oldConnection === undefined ? randomBytes(32).toString('base64url') : secrets.open(oldConnection.sealedSecret, oldConnection.arn));
    if (oldConnection !== undefined) await tx.events.deleteConnection(accountId, ROOT_USE_NAME);
    await tx.events.createConnection({
      accountId,
      name: ROOT_USE_NAME,
      arn: connectionArn,
      description: 'Keyward root-use alert (keyward serve --alert-root-use)',
      authorizationType: 'API_KEY',
      authName: ROOT_USE_KEY_HEADER,
      sealedSecret: secrets.seal(secret, connectionArn),
      createdAt: oldConnection?.createdAt ?? now,
      modifiedAt: now,
    });
    const oldDestination = await tx.events.getApiDestination(accountId, ROOT_USE_NAME);
    const destinationArn = oldDestination?.arn ?? `${prefix}:api-destination/${ROOT_USE_NAME}/${randomUUID()}`;
    if (oldDestination !== undefined) await tx.events.deleteApiDestination(accountId, ROOT_USE_NAME);
    await tx.events.createApiDestination({
      accountId,
      name: ROOT_USE_NAME,
      arn: destinationArn,
      connectionArn,
      endpoint: alert.url,
      httpMethod: 'POST',
      createdAt: oldDestination?.createdAt ?? now,
      modifiedAt: now,
    });
    await tx.events.putRule({
      accountId,
      name: ROOT_USE_NAME,
      arn: `${prefix}:rule/${ROOT_USE_NAME}`,
      eventPattern: ROOT_USE_PATTERN,
      state: 'ENABLED',
      description: 'Any API call or console sign-in by the root user (keyward serve --alert-root-use)',
      createdBy: accountId,
      createdAt: now,
    });
    await tx.events.putTarget({ accountId, ruleName: ROOT_USE_NAME, id: ROOT_USE_NAME, arn: destinationArn });
  });
}
