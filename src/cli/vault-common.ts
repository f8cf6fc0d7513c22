// Shared steps of the `keyward vault` subcommands: opening the vault, resolving a profile's
// credentials with the command's options, and the options every credential command takes.

import { loadConfig } from '../vault/profiles.js';
import { openSecretStore } from '../vault/open-store.js';
import { resolveCredentials, type Resolution } from '../vault/credential-chain.js';
import { parseDuration } from '../vault/duration.js';
import { VaultRecords } from '../vault/vault-records.js';
import type { ParsedArgs } from './vault-args.js';
import { UsageError } from './vault-args.js';
import type { VaultContext } from './vault-context.js';

export interface OpenedVault {
  readonly records: VaultRecords;
  readonly note?: string;
}

export function openVault(ctx: VaultContext): OpenedVault {
  const opened = openSecretStore({
    env: ctx.env,
    askPassphrase: (question) => ctx.prompt(question, { secret: true }),
    ...(ctx.scrypt !== undefined && { scrypt: ctx.scrypt }),
    ...(ctx.keyPrefetch !== undefined && { keyPrefetch: ctx.keyPrefetch }),
  });
  return { records: new VaultRecords(opened.store), ...(opened.note !== undefined && { note: opened.note }) };
}

export function profileArg(parsed: ParsedArgs, command: string): string {
  const [profile, extra] = parsed.positional;
  if (profile === undefined) throw new UsageError(`${command} needs a PROFILE`);
  if (extra !== undefined) throw new UsageError(`${command}: unexpected argument '${extra}'`);
  if (profile.trim() === '' || /[/\u0000-\u001f]/.test(profile)) throw new UsageError(`'${profile}' is not a profile name`);
  return profile;
}

/** The options of exec, export and login that shape the credentials. */
export const CREDENTIAL_OPTIONS = ['duration', 'mfa-token', 'endpoint-url', 'region'] as const;

export async function resolveFor(ctx: VaultContext, records: VaultRecords, profile: string, parsed: ParsedArgs): Promise<Resolution> {
  const config = await loadConfig(ctx.env);
  const duration = parsed.options.get('duration');
  const mfaToken = parsed.options.get('mfa-token');
  const endpointUrl = parsed.options.get('endpoint-url');
  const region = parsed.options.get('region');
  return resolveCredentials({
    records,
    config,
    profile,
    clock: ctx.clock,
    sts: ctx.sts,
    noSession: parsed.flags.has('no-session'),
    ...(duration !== undefined && { durationSeconds: parseDuration(duration) }),
    ...(endpointUrl !== undefined && { endpointUrl }),
    ...(region !== undefined && { region }),
    mfaToken: async (serial) => mfaToken ?? (await ctx.prompt(`MFA code for ${serial}: `, { secret: false })),
  });
}
