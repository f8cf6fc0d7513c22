// `keyward vault`: long-term keys kept in an encrypted store (the OS keystore or an encrypted
// file), programs given only temporary STS credentials. Dispatches to the subcommands.

import type { KeyPrefetch } from '../vault/file-key.js';
import { VaultError } from '../vault/vault-error.js';
import type { CliIo } from './io.js';
import { UsageError } from './vault-args.js';
import { processVaultContext, type VaultContext } from './vault-context.js';
import { vaultExec, vaultExport, vaultLogin } from './vault-exec.js';
import { vaultAdd, vaultClear, vaultList, vaultRemove, vaultRotate } from './vault-keys.js';

interface Subcommand {
  readonly usage: string;
  readonly run: (args: readonly string[], ctx: VaultContext) => Promise<number>;
}

const SUBCOMMANDS: Readonly<Record<string, Subcommand>> = {
  add: { usage: 'add PROFILE [--env]                      store a key (prompted, or from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY)', run: vaultAdd },
  list: { usage: 'list                                     profiles, stored key ids and cached sessions (never secrets)', run: vaultList },
  remove: { usage: 'remove PROFILE [--sessions-only]         delete a stored key and its sessions', run: vaultRemove },
  clear: { usage: 'clear [PROFILE]                          delete cached sessions', run: vaultClear },
  exec: { usage: 'exec PROFILE [--server] [opts] -- CMD... run CMD with temporary credentials', run: vaultExec },
  export: { usage: 'export PROFILE [--format env|json|ini]   print temporary credentials (json: credential_process)', run: vaultExport },
  rotate: { usage: 'rotate PROFILE [--mfa-token CODE]        replace the stored key with a new one, delete the old', run: vaultRotate },
  login: { usage: 'login PROFILE [--open]                   print (or open) a console sign-in URL', run: vaultLogin },
};

export const VAULT_HELP = [
  'Usage: keyward vault <command> [options]',
  '',
  'Commands:',
  ...Object.values(SUBCOMMANDS).map((s) => `  ${s.usage}`),
  '',
  'Credential options (exec, export, login):',
  '  --duration D       session length (3600, 15m, 1h)',
  '  --no-session       no GetSessionToken: the stored key itself, or AssumeRole straight with it',
  '  --mfa-token CODE   the MFA code (asked when needed otherwise)',
  '  --endpoint-url URL the STS/IAM endpoint (else endpoint_url of the profile, else AWS)',
  '  --region REGION    else the profile\'s region, else us-east-1',
  '',
  'Profiles are read from ~/.aws/config (AWS_CONFIG_FILE): source_profile, role_arn, mfa_serial,',
  'external_id, duration_seconds, role_session_name, region, endpoint_url.',
  'Storage: KEYWARD_VAULT_BACKEND=keystore|file (default: the OS keystore where it works, else the file);',
  'the file is KEYWARD_VAULT_FILE (default ~/.keyward/vault.json), its passphrase KEYWARD_VAULT_PASSPHRASE or prompted.',
].join('\n');

export async function runVaultWith(args: readonly string[], ctx: VaultContext): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    ctx.out(VAULT_HELP);
    return name === undefined ? 2 : 0;
  }
  const sub = SUBCOMMANDS[name];
  if (sub === undefined) {
    ctx.err(`keyward vault: unknown command '${name}'\n\n${VAULT_HELP}`);
    return 2;
  }
  if (rest[0] === '--help' || rest[0] === '-h') {
    ctx.out(`Usage: keyward vault ${sub.usage}\n\n${VAULT_HELP}`);
    return 0;
  }
  try {
    return await sub.run(rest, ctx);
  } catch (error) {
    if (error instanceof UsageError) {
      ctx.err(`keyward vault ${name}: ${error.message}\nUsage: keyward vault ${sub.usage}`);
      return 2;
    }
    if (error instanceof VaultError) {
      ctx.err(`keyward vault: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

export function runVault(args: readonly string[], io: CliIo, keyPrefetch?: KeyPrefetch): Promise<number> {
  return runVaultWith(args, { ...processVaultContext(keyPrefetch), out: (t) => io.out(t), err: (t) => io.err(t) });
}
