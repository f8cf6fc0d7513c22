// `keyward audit verify | export | tail | public-key`: the audit trail from the command line,
// on the store `keyward serve` uses (--data DIR | --database-url URL), while servers run.

import { parseArgs } from 'node:util';
import { deriveAuditKeys } from '../audit/chain/audit-keys.js';
import { BackupError } from '../storage/backup/dump-format.js';
import type { Store } from '../storage/ports.js';
import { exportLogFiles } from './audit-export.js';
import { openAuditStore } from './audit-store.js';
import { parseFilter, tailTrail, type TailFilter } from './audit-tail.js';
import { formatReport, verifyKeysFrom, verifyStoredTrail } from './audit-verify.js';
import type { CliIo } from './io.js';
import { existingMasterKeyBytes, STORE_LOCATION_HELP, storeLocation, type StoreLocation } from './store-location.js';

export const AUDIT_HELP = `Usage: keyward audit <verify | export | tail | public-key> [options]

  verify [--public-key FILE]
      Checks every partition's chain of events and its signed digests; prints a summary and
      exits 1 naming the first broken link. With --public-key (the PEM that
      'keyward audit public-key' prints) no master key is needed: digests are verified and
      links checked for continuity, but links are not recomputed.
  export --from TIME --to TIME --out DIR
      Writes CloudTrail log files (gzip'd {"Records":[...]}, one per account, region and
      hour) under DIR/AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/. TIME is ISO 8601.
  tail [--follow] [--filter ATTRIBUTE=VALUE]... [--last N] [--since MINUTES]
      Prints the newest N (default 20) records of the last MINUTES (default 60) as JSON
      lines, oldest first; --follow keeps printing new ones. ATTRIBUTE is one of
      LookupEvents' attributes: EventId, EventName, ReadOnly, Username, ResourceType,
      ResourceName, EventSource, AccessKeyId.
  public-key
      Prints the Ed25519 public key that verifies the trail's digests (PEM).
${STORE_LOCATION_HELP}`;

const STORE_OPTIONS = { data: { type: 'string' }, 'database-url': { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

export interface AuditRunOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** Stops `tail --follow` (default: SIGINT). */
  readonly signal?: AbortSignal;
  readonly now?: () => Date;
}

export async function runAudit(args: readonly string[], io: CliIo, options: AuditRunOptions = {}): Promise<number> {
  const env = options.env ?? process.env;
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === '-h') {
    io.out(AUDIT_HELP);
    return sub === undefined ? 2 : 0;
  }
  try {
    switch (sub) {
      case 'verify':
        return await verify(rest, io, env);
      case 'export':
        return await exportCommand(rest, io, env);
      case 'tail':
        return await tail(rest, io, env, options);
      case 'public-key':
        return await publicKey(rest, io, env);
      default:
        io.err(`keyward audit: unknown subcommand '${sub}'\n\n${AUDIT_HELP}`);
        return 2;
    }
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    io.err(`keyward audit: ${error.message}`);
    return 1;
  }
}

async function withStore<T>(location: StoreLocation, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openAuditStore(location);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

async function verify(args: readonly string[], io: CliIo, env: NodeJS.ProcessEnv): Promise<number> {
  const { values } = parseArgs({ args: [...args], options: { ...STORE_OPTIONS, 'public-key': { type: 'string' } } });
  if (values.help) return help(io);
  const location = storeLocation(values, env);
  const pem = values['public-key'];
  const keys = pem !== undefined ? verifyKeysFrom({ publicKeyPem: await io.readFile(pem) }) : verifyKeysFrom({ masterKey: await existingMasterKeyBytes(location.dataDir, env) });
  const report = await withStore(location, (store) => verifyStoredTrail(store, keys));
  io.out(formatReport(report, { linksRecomputed: keys.chainKey !== undefined }));
  return report.ok ? 0 : 1;
}

function timeFlag(name: string, value: string | undefined, io: CliIo): Date | undefined {
  const date = value === undefined ? undefined : new Date(value);
  if (date === undefined || Number.isNaN(date.getTime())) {
    io.err(`keyward audit export: --${name} needs an ISO 8601 time (e.g. 2026-01-31T00:00:00Z)`);
    return undefined;
  }
  return date;
}

async function exportCommand(args: readonly string[], io: CliIo, env: NodeJS.ProcessEnv): Promise<number> {
  const { values } = parseArgs({ args: [...args], options: { ...STORE_OPTIONS, from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' } } });
  if (values.help) return help(io);
  const from = timeFlag('from', values.from, io);
  const to = timeFlag('to', values.to, io);
  if (from === undefined || to === undefined) return 2;
  if (values.out === undefined || values.out === '') {
    io.err('keyward audit export: --out DIR is required');
    return 2;
  }
  if (from >= to) {
    io.err('keyward audit export: --from must be before --to');
    return 2;
  }
  const out = values.out;
  const summary = await withStore(storeLocation(values, env), (store) => exportLogFiles(store, from, to, out));
  io.out(`keyward: exported ${summary.records} records in ${summary.files.length} log files to ${out}`);
  return 0;
}

async function tail(args: readonly string[], io: CliIo, env: NodeJS.ProcessEnv, options: AuditRunOptions): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      ...STORE_OPTIONS,
      follow: { type: 'boolean', short: 'f' },
      filter: { type: 'string', multiple: true },
      last: { type: 'string' },
      since: { type: 'string' },
    },
  });
  if (values.help) return help(io);
  const filters: TailFilter[] = [];
  for (const text of values.filter ?? []) {
    const parsed = parseFilter(text);
    if (typeof parsed === 'string') {
      io.err(`keyward audit tail: ${parsed}`);
      return 2;
    }
    filters.push(parsed);
  }
  const last = values.last === undefined ? 20 : Number(values.last);
  const since = values.since === undefined ? 60 : Number(values.since);
  if (!Number.isInteger(last) || last < 0 || !(since > 0)) {
    io.err('keyward audit tail: --last takes a whole number and --since a number of minutes');
    return 2;
  }
  let signal = options.signal;
  let stopOnSigint: (() => void) | undefined;
  if (values.follow === true && signal === undefined) {
    const controller = new AbortController();
    stopOnSigint = () => controller.abort();
    process.once('SIGINT', stopOnSigint);
    signal = controller.signal;
  }
  try {
    await withStore(storeLocation(values, env), (store) =>
      tailTrail(store, (line) => io.out(line), {
        filters,
        last,
        sinceMs: since * 60_000,
        now: options.now ?? (() => new Date()),
        ...(values.follow === true && signal !== undefined && { follow: { pollMs: 1000, signal } }),
      }),
    );
  } finally {
    if (stopOnSigint !== undefined) process.off('SIGINT', stopOnSigint);
  }
  return 0;
}

async function publicKey(args: readonly string[], io: CliIo, env: NodeJS.ProcessEnv): Promise<number> {
  const { values } = parseArgs({ args: [...args], options: STORE_OPTIONS });
  if (values.help) return help(io);
  const location = storeLocation(values, env);
  io.out(deriveAuditKeys(await existingMasterKeyBytes(location.dataDir, env)).publicKeyPem.trimEnd());
  return 0;
}

function help(io: CliIo): number {
  io.out(AUDIT_HELP);
  return 0;
}
