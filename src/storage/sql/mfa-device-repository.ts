// MFA devices, keyed per account by the lower-cased serial number. A device is assigned
// exactly when enable_date is set; user_id NULL then means the root user. The TOTP replay
// guard is one conditional UPDATE, so concurrent uses of one code cannot both win.
import type { CodeLockRule } from '../ports.js';
import type { MfaDevice, MfaDeviceType } from '../../domain/credentials.js';
import { nameKey } from '../../domain/names.js';
import { EntityAlreadyExistsError } from '../errors.js';
import type { MfaAssignmentStatus, MfaDeviceRepository } from '../credential-repositories.js';
import { dateOf, optionalDate, tagsOf, tagsText } from './columns.js';
import { ownerClause, ownerNameOf, ownerUserId } from './credential-owner.js';
import type { SqlExecutor, SqlRow, SqlValue } from './executor.js';
import { afterClause, limitPlusOne, toPage } from './paging.js';

const SELECT = `SELECT d.account_id, d.serial_number, d.serial_key, d.device_type, d.name, d.path, d.sealed_seed,
       d.create_date, d.tags, d.enable_date, d.last_accepted_step, d.failed_codes, d.codes_locked_until,
       u.name AS user_name
  FROM mfa_devices d LEFT JOIN users u ON u.id = d.user_id`;

// An accepted code also clears the count of wrong ones (it is only reached when not locked).
export const ACCEPT_TIME_STEP_SQL = `UPDATE mfa_devices SET last_accepted_step = ?, failed_codes = 0, codes_locked_until = NULL
  WHERE account_id = ? AND serial_key = ? AND (last_accepted_step IS NULL OR last_accepted_step < ?)`;

/** Parameters of ACCEPT_TIME_STEP_SQL; serial numbers compare case-insensitively, like names. */
export function acceptTimeStepParams(accountId: string, serialNumber: string, step: number): SqlValue[] {
  if (!Number.isSafeInteger(step) || step < 0) throw new RangeError(`TOTP time step must be a non-negative integer, got ${step}`);
  return [step, accountId, nameKey(serialNumber), step];
}

/**
 * Takes one attempt at a code, before the code is checked, in one statement, so that requests
 * racing on several nodes cannot try more codes than the rule allows: no row changes while the
 * device is locked (a stream of guesses cannot extend the lock); after a lock ends counting
 * starts again; the attempt that reaches the limit sets the lock. An accepted code clears the
 * count (ACCEPT_TIME_STEP_SQL). SET expressions read the row as it was, on SQLite and
 * PostgreSQL alike; PostgreSQL re-checks WHERE on a row another transaction just updated
 * (the CAST: PostgreSQL would type a bare parameter in THEN as text).
 */
export const CHARGE_MFA_ATTEMPT_SQL = `UPDATE mfa_devices SET
  failed_codes = CASE WHEN codes_locked_until IS NOT NULL THEN 1 ELSE failed_codes + 1 END,
  codes_locked_until = CASE
    WHEN (CASE WHEN codes_locked_until IS NOT NULL THEN 1 ELSE failed_codes + 1 END) >= ? THEN CAST(? AS BIGINT)
    ELSE NULL END
  WHERE account_id = ? AND serial_key = ? AND (codes_locked_until IS NULL OR codes_locked_until <= ?)`;

export function chargeMfaAttemptParams(accountId: string, serialNumber: string, now: Date, rule: CodeLockRule): SqlValue[] {
  const t = now.getTime();
  return [rule.maxFailures, t + rule.lockMs, accountId, nameKey(serialNumber), t];
}

function deviceOf(row: SqlRow): MfaDevice {
  const enableDate = optionalDate(row.enable_date);
  const step = row.last_accepted_step;
  const failed = Number(row.failed_codes ?? 0);
  const lockedUntil = optionalDate(row.codes_locked_until);
  return {
    accountId: String(row.account_id),
    serialNumber: String(row.serial_number),
    type: String(row.device_type) as MfaDeviceType,
    name: String(row.name),
    path: String(row.path),
    sealedSeed: String(row.sealed_seed),
    createDate: dateOf(row.create_date),
    tags: tagsOf(row.tags),
    ...(enableDate === undefined ? {} : { assignment: { userName: ownerNameOf(row), enableDate } }),
    ...(step === null || step === undefined ? {} : { lastAcceptedStep: Number(step) }),
    ...(failed === 0 && lockedUntil === undefined
      ? {}
      : { codeFailures: { failedAttempts: failed, ...(lockedUntil === undefined ? {} : { lockedUntil }) } }),
  };
}

function assignmentClause(status: MfaAssignmentStatus | undefined): string {
  if (status === 'Assigned') return ' AND d.enable_date IS NOT NULL';
  if (status === 'Unassigned') return ' AND d.enable_date IS NULL';
  return '';
}

export function sqlMfaDeviceRepository(ex: SqlExecutor): MfaDeviceRepository {
  return {
    async get(accountId, serialNumber) {
      const row = await ex.get(`${SELECT} WHERE d.account_id = ? AND d.serial_key = ?`, [accountId, nameKey(serialNumber)]);
      return row ? deviceOf(row) : undefined;
    },

    async insert(device) {
      const userId = device.assignment ? await ownerUserId(ex, device.accountId, device.assignment.userName) : null;
      const { changes } = await ex.run(
        `INSERT INTO mfa_devices (account_id, serial_number, serial_key, device_type, name, path, sealed_seed,
                                  create_date, tags, user_id, enable_date, last_accepted_step)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        [
          device.accountId,
          device.serialNumber,
          nameKey(device.serialNumber),
          device.type,
          device.name,
          device.path,
          device.sealedSeed,
          device.createDate.getTime(),
          tagsText(device.tags),
          userId,
          device.assignment ? device.assignment.enableDate.getTime() : null,
          device.lastAcceptedStep ?? null,
        ],
      );
      if (changes === 0) throw new EntityAlreadyExistsError('mfa-device', device.serialNumber);
    },

    async update(device) {
      const userId = device.assignment ? await ownerUserId(ex, device.accountId, device.assignment.userName) : null;
      const { changes } = await ex.run(
        'UPDATE mfa_devices SET tags = ?, user_id = ?, enable_date = ? WHERE account_id = ? AND serial_key = ?',
        [
          tagsText(device.tags),
          userId,
          device.assignment ? device.assignment.enableDate.getTime() : null,
          device.accountId,
          nameKey(device.serialNumber),
        ],
      );
      return changes > 0;
    },

    async acceptTimeStep(accountId, serialNumber, step) {
      return (await ex.run(ACCEPT_TIME_STEP_SQL, acceptTimeStepParams(accountId, serialNumber, step))).changes > 0;
    },

    async delete(accountId, serialNumber) {
      const { changes } = await ex.run('DELETE FROM mfa_devices WHERE account_id = ? AND serial_key = ?', [
        accountId,
        nameKey(serialNumber),
      ]);
      return changes > 0;
    },

    async list(request) {
      const params: SqlValue[] = [request.accountId];
      let where = `d.account_id = ?${assignmentClause(request.assignmentStatus)}`;
      if (request.type !== undefined) {
        where += ' AND d.device_type = ?';
        params.push(request.type);
      }
      where += afterClause('d.serial_key', request, params);
      params.push(limitPlusOne(request));
      const rows = await ex.all(`${SELECT} WHERE ${where} ORDER BY d.serial_key LIMIT ?`, params);
      return toPage(rows, request, deviceOf, (r) => String(r.serial_key));
    },

    async listForUser(accountId, userName) {
      const owner = ownerClause('d', accountId, userName);
      const rows = await ex.all(
        `${SELECT} WHERE ${owner.sql} AND d.enable_date IS NOT NULL ORDER BY d.enable_date, d.serial_key`,
        owner.params,
      );
      return rows.map(deviceOf);
    },

    async countForUser(accountId, userName) {
      const owner = ownerClause('d', accountId, userName);
      const row = await ex.get<{ n: number }>(
        `SELECT COUNT(*) AS n FROM mfa_devices d WHERE ${owner.sql} AND d.enable_date IS NOT NULL`,
        owner.params,
      );
      return Number(row?.n ?? 0);
    },

    async count(accountId, assignmentStatus) {
      const row = await ex.get<{ n: number }>(
        `SELECT COUNT(*) AS n FROM mfa_devices d WHERE d.account_id = ?${assignmentClause(assignmentStatus)}`,
        [accountId],
      );
      return Number(row?.n ?? 0);
    },
  };
}
