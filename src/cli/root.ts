// `keyward root ...`: the operator's recovery of the root user's console access, on the server
// machine, with the store and its master key (docs/console.md). Each command is recorded in the
// audit trail as an event by the operator (eventSource keyward.operator), in its own partition.

import { randomBytes, randomUUID } from 'node:crypto';
import { hostname, userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { deriveAuditKeys } from '../audit/chain/audit-keys.js';
import { cloudTrailTime, EVENT_VERSION, type CloudTrailRecord } from '../audit/record/cloudtrail-record.js';
import { AuditTrail } from '../audit/trail/trail-writer.js';
import { removeRootMfa, RootAccountError, setRootEmail, setRootPassword } from '../console/server/root-account.js';
import { IamError } from '../protocol/errors.js';
import { BackupError } from '../storage/backup/dump-format.js';
import { openStore } from '../storage/open-store.js';
import type { Store } from '../storage/ports.js';
import { openAuditStore } from './audit-store.js';
import type { CliIo } from './io.js';
import { existingMasterKeyBytes, STORE_LOCATION_HELP, storeLocation } from './store-location.js';

export const ROOT_HELP = `Usage: keyward root <command> [--account ID] [--data DIR | --database-url URL]

The operator's recovery of the root user's console sign-in, on the server machine: it needs the
store and its master key. Every command is recorded in the audit trail as the operator's event.
Commands:
  set-password --password-file FILE   set root's console password (read from FILE; - for stdin);
                                      root's MFA devices stay and are still asked for
  reset-password                      set a new random password for root and print it once
  set-email EMAIL                     set root's e-mail address (where reset links are mailed)
  remove-mfa                          delete every MFA device of root (a lost device)
  --account ID         the account (default: the store's only account)
${STORE_LOCATION_HELP}`;

const COMMANDS = new Set(['set-password', 'reset-password', 'set-email', 'remove-mfa']);

/** The operator's event in the trail: never the password. */
function operatorRecord(accountId: string, eventName: string, now: Date, parameters: Record<string, unknown> | null, response: Record<string, unknown> | null): CloudTrailRecord {
  let who = 'unknown';
  try {
    who = userInfo().username;
  } catch {
    // No user database entry (a container): the event still says it was the operator.
  }
  return {
    eventVersion: EVENT_VERSION,
    userIdentity: { type: 'Unknown', principalId: 'keyward-operator', userName: `operator:${who}`, invokedBy: 'keyward root' },
    eventTime: cloudTrailTime(now),
    eventSource: 'keyward.operator',
    eventName,
    awsRegion: 'us-east-1',
    sourceIPAddress: hostname(),
    userAgent: 'keyward-cli',
    requestParameters: parameters,
    responseElements: response,
    eventID: randomUUID(),
    readOnly: false,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: accountId,
    eventCategory: 'Management',
  };
}


async function onlyAccount(store: Store, given: string | undefined): Promise<string> {
  if (given !== undefined) {
    if ((await store.read((tx) => tx.accounts.get(given))) === undefined) throw new RootAccountError('NoSuchEntity', `no account ${given} in the store`);
    return given;
  }
  const page = await store.read((tx) => tx.accounts.list({ limit: 2 }));
  const [first, second] = page.items;
  if (first === undefined) throw new RootAccountError('NoSuchEntity', 'the store has no account yet (start keyward serve once)');
  if (second !== undefined) throw new RootAccountError('InvalidInput', 'the store has several accounts: name one with --account');
  return first.id;
}

/** A password readable by the rules: printable, no spaces at the ends (AWS's default policy allows 8-128). */
function randomPassword(): string {
  return `${randomBytes(18).toString('base64url')}-Kw1`;
}

export async function runRoot(args: readonly string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      account: { type: 'string' },
      'password-file': { type: 'string' },
      data: { type: 'string' },
      'database-url': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help === true) {
    io.out(ROOT_HELP);
    return 0;
  }
  if (command === undefined || !COMMANDS.has(command) || (command === 'set-email' ? rest.length !== 1 : rest.length !== 0)) {
    io.err(ROOT_HELP);
    return 2;
  }
  if (command === 'set-password' && values['password-file'] === undefined) {
    io.err('keyward root set-password: --password-file FILE is required (the password never goes on the command line)');
    return 2;
  }
  const location = storeLocation(values, env);
  try {
    const masterKey = await existingMasterKeyBytes(location.dataDir, env);
    const store = location.config.kind === 'sqlite' ? await openAuditStore(location) : await openStore(location.config);
    try {
      const accountId = await onlyAccount(store, values.account);
      const now = new Date();
      let record: CloudTrailRecord;
      if (command === 'set-password' || command === 'reset-password') {
        const file = values['password-file'];
        const password = command === 'reset-password' ? randomPassword() : (await io.readFile(file === '-' ? '/dev/stdin' : file!)).replace(/\r?\n$/, '');
        await setRootPassword(store, accountId, password, now);
        record = operatorRecord(accountId, command === 'set-password' ? 'OperatorSetRootPassword' : 'OperatorResetRootPassword', now, null, null);
        if (command === 'reset-password') io.out(`keyward: root's new console password for account ${accountId} (shown once): ${password}`);
        else io.out(`keyward: root's console password set for account ${accountId}`);
      } else if (command === 'set-email') {
        await setRootEmail(store, accountId, rest[0]!, now);
        record = operatorRecord(accountId, 'OperatorSetRootEmail', now, { email: rest[0]!.trim() }, null);
        io.out(`keyward: root's e-mail for account ${accountId} is ${rest[0]!.trim()}`);
      } else {
        const removed = await removeRootMfa(store, accountId);
        record = operatorRecord(accountId, 'OperatorRemoveRootMfa', now, null, { removedMfaDevices: removed });
        io.out(removed.length === 0 ? `keyward: root of account ${accountId} has no MFA device` : `keyward: removed root's MFA devices: ${removed.join(', ')}`);
      }
      // The operator's own chain: a running server's partition is never written from here.
      const trail = new AuditTrail(store, deriveAuditKeys(masterKey), { partition: `operator@${hostname()}`.slice(0, 128) });
      trail.enqueue({ record, time: now });
      await trail.close();
      return 0;
    } finally {
      await store.close();
    }
  } catch (error) {
    if (error instanceof BackupError || error instanceof RootAccountError || error instanceof IamError) {
      io.err(`keyward root: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
