// `keyward vault add | list | remove | clear | rotate`: the stored keys and cached sessions.
// Nothing here prints a secret: list shows key ids, dates and expiries only.

import { loadConfig, profileChain } from '../vault/profiles.js';
import { DEFAULT_REGION } from '../vault/credential-chain.js';
import { rotateKey } from '../vault/rotate.js';
import { VaultError } from '../vault/vault-error.js';
import { parseArgs, UsageError } from './vault-args.js';
import { openVault, profileArg } from './vault-common.js';
import type { VaultContext } from './vault-context.js';

const ACCESS_KEY_ID = /^[A-Z0-9]{16,128}$/;

export async function vaultAdd(args: readonly string[], ctx: VaultContext): Promise<number> {
  const parsed = parseArgs(args, { flags: ['env'] });
  const profile = profileArg(parsed, 'add');
  let accessKeyId: string;
  let secretAccessKey: string;
  if (parsed.flags.has('env')) {
    accessKeyId = ctx.env['AWS_ACCESS_KEY_ID'] ?? '';
    secretAccessKey = ctx.env['AWS_SECRET_ACCESS_KEY'] ?? '';
    if (accessKeyId === '' || secretAccessKey === '') throw new VaultError('--env needs AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY set');
  } else {
    accessKeyId = (await ctx.prompt('Access key ID: ', { secret: false })).trim();
    secretAccessKey = (await ctx.prompt('Secret access key: ', { secret: true })).trim();
  }
  if (!ACCESS_KEY_ID.test(accessKeyId)) throw new VaultError('that is not an access key id (16 to 128 capital letters and digits)');
  if (secretAccessKey === '') throw new VaultError('the secret access key is empty');
  const { records, note } = openVault(ctx);
  if (note !== undefined) ctx.err(`keyward vault: ${note}`);
  const replaced = (await records.getKey(profile)) !== undefined;
  await records.putKey(profile, { accessKeyId, secretAccessKey, addedAt: ctx.clock().toISOString() });
  ctx.out(`${replaced ? 'Replaced' : 'Stored'} key ${accessKeyId} for profile '${profile}' in ${records.store.location}`);
  return 0;
}

function remaining(ms: number): string {
  if (ms <= 0) return 'expired';
  const minutes = Math.floor(ms / 60_000);
  return minutes >= 60 ? `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m left` : `${minutes}m left`;
}

export async function vaultList(args: readonly string[], ctx: VaultContext): Promise<number> {
  const parsed = parseArgs(args, {});
  if (parsed.positional.length > 0) throw new UsageError(`list: unexpected argument '${parsed.positional[0]}'`);
  const { records, note } = openVault(ctx);
  ctx.out(`Backend: ${records.store.kind} (${records.store.location})`);
  if (note !== undefined) ctx.out(`Note: ${note}`);
  const config = await loadConfig(ctx.env);
  const stored = await records.profiles();
  const configured = [...config.keys()]
    .map((s) => (s === 'default' ? 'default' : s.startsWith('profile ') ? s.slice('profile '.length) : undefined))
    .filter((p): p is string => p !== undefined);
  const sessions = await records.sessions();
  const rows: string[][] = [['PROFILE', 'CREDENTIALS', 'SESSIONS']];
  for (const profile of [...new Set([...stored, ...configured])].sort()) {
    const key = await records.getKey(profile);
    let credentials: string;
    if (key !== undefined) credentials = `key ${key.accessKeyId}${key.addedAt !== '' ? ` (added ${key.addedAt})` : ''}`;
    else {
      try {
        const source = profileChain(config, profile)[0]?.name;
        credentials = source !== undefined && source !== profile ? `via ${source}` : '-';
      } catch (error) {
        credentials = (error as Error).message;
      }
    }
    const mine = sessions.filter((s) => s.name.startsWith(`${profile}/`));
    const described = mine.map((s) => `${s.credentials.expiration.toISOString()} (${remaining(s.credentials.expiration.getTime() - ctx.clock().getTime())})`);
    rows.push([profile, credentials, described.length === 0 ? '-' : described.join(', ')]);
  }
  const widths = [0, 1].map((i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  for (const row of rows) ctx.out(`${(row[0] ?? '').padEnd(widths[0] ?? 0)}  ${(row[1] ?? '').padEnd(widths[1] ?? 0)}  ${row[2] ?? ''}`.trimEnd());
  return 0;
}

export async function vaultRemove(args: readonly string[], ctx: VaultContext): Promise<number> {
  const parsed = parseArgs(args, { flags: ['sessions-only'] });
  const profile = profileArg(parsed, 'remove');
  const { records } = openVault(ctx);
  if (parsed.flags.has('sessions-only')) {
    const n = await records.clearSessions(profile);
    ctx.out(`Deleted ${n} cached session${n === 1 ? '' : 's'} of profile '${profile}'`);
    return 0;
  }
  if (!(await records.removeKey(profile))) throw new VaultError(`no key stored for profile '${profile}'`);
  ctx.out(`Removed the key of profile '${profile}' and its cached sessions`);
  return 0;
}

export async function vaultClear(args: readonly string[], ctx: VaultContext): Promise<number> {
  const parsed = parseArgs(args, {});
  const profile = parsed.positional[0];
  const { records } = openVault(ctx);
  const n = await records.clearSessions(profile);
  ctx.out(`Deleted ${n} cached session${n === 1 ? '' : 's'}`);
  return 0;
}

export async function vaultRotate(args: readonly string[], ctx: VaultContext): Promise<number> {
  const parsed = parseArgs(args, { options: ['endpoint-url', 'region', 'mfa-token'] });
  const profile = profileArg(parsed, 'rotate');
  const config = await loadConfig(ctx.env);
  const chain = profileChain(config, profile);
  const holder = chain[0]?.name ?? profile;
  const inherited = (k: 'region' | 'endpointUrl' | 'mfaSerial'): string | undefined => [...chain].reverse().find((p) => p[k] !== undefined)?.[k];
  const endpointUrl = parsed.options.get('endpoint-url') ?? inherited('endpointUrl');
  const mfaSerial = inherited('mfaSerial');
  const mfaToken = parsed.options.get('mfa-token');
  if (mfaToken !== undefined && mfaSerial === undefined) throw new UsageError(`--mfa-token needs mfa_serial in profile '${profile}' (or a profile it uses)`);
  const { records } = openVault(ctx);
  const result = await rotateKey({
    records,
    profile: holder,
    target: { region: parsed.options.get('region') ?? inherited('region') ?? DEFAULT_REGION, clock: ctx.clock, ...(endpointUrl !== undefined && { endpointUrl }) },
    sts: ctx.sts,
    ...(mfaSerial !== undefined && {
      mfa: { serialNumber: mfaSerial, tokenCode: async () => mfaToken ?? (await ctx.prompt(`MFA code for ${mfaSerial}: `, { secret: false })) },
    }),
    ...ctx.rotate,
  });
  ctx.out(`Rotated the key of profile '${holder}': ${result.oldAccessKeyId} deleted, ${result.newAccessKeyId} stored`);
  return 0;
}
