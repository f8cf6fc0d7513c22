// `keyward vault exec | export | login`: temporary credentials handed to a program, printed in
// a format, or turned into a console sign-in URL.

import { spawn } from 'node:child_process';
import { childEnv } from '../vault/child-env.js';
import { REFRESH_MARGIN_MS } from '../vault/credential-chain.js';
import { refreshing, startCredentialServer } from '../vault/credential-server.js';
import { parseDuration } from '../vault/duration.js';
import { EXPORT_FORMATS, formatCredentials, isExportFormat } from '../vault/export-format.js';
import { fetchSigninToken, loginTarget, loginUrl, type SessionCredentials } from '../vault/login-url.js';
import { loadConfig, profileChain } from '../vault/profiles.js';
import { ChildNotStarted, runChild } from '../vault/run-child.js';
import { call, loadSts, stsClient } from '../vault/sts-calls.js';
import { VaultError } from '../vault/vault-error.js';
import { parseArgs, UsageError } from './vault-args.js';
import { CREDENTIAL_OPTIONS, openVault, profileArg, resolveFor } from './vault-common.js';
import type { VaultContext } from './vault-context.js';

export async function vaultExec(args: readonly string[], ctx: VaultContext): Promise<number> {
  const parsed = parseArgs(args, { options: CREDENTIAL_OPTIONS, flags: ['no-session', 'server'], restAfter: 1 });
  const profile = profileArg(parsed, 'exec');
  const [command, ...commandArgs] = parsed.rest.length > 0 ? parsed.rest : [ctx.env['SHELL'] ?? '/bin/sh'];
  if (command === undefined) throw new UsageError('exec needs a command');
  if (ctx.env['KEYWARD_VAULT_PROFILE'] !== undefined) {
    throw new VaultError(`already inside 'keyward vault exec ${ctx.env['KEYWARD_VAULT_PROFILE']}'; unset KEYWARD_VAULT_PROFILE to nest`);
  }
  const { records } = openVault(ctx);
  const resolution = await resolveFor(ctx, records, profile, parsed);
  const run = (env: Record<string, string>): Promise<number> =>
    runChild({
      command,
      args: commandArgs,
      env,
      ...(ctx.childOutput !== undefined && { output: ctx.childOutput }),
      ...(ctx.onChildSpawn !== undefined && { onSpawn: ctx.onChildSpawn }),
    }).catch((error: unknown) => {
      if (!(error instanceof ChildNotStarted)) throw error;
      ctx.err(`keyward vault: ${error.message}`);
      return 127;
    });
  if (!parsed.flags.has('server')) return run(childEnv(ctx.env, resolution));

  if (resolution.credentials.expiration === undefined) throw new VaultError('--server hands out temporary credentials only; drop --no-session or use a role profile');
  const provide = refreshing(
    async () => (await resolveFor(ctx, records, profile, parsed)).credentials,
    ctx.clock,
    REFRESH_MARGIN_MS,
    resolution.credentials,
  );
  const server = await startCredentialServer({ provide, onError: (message) => ctx.err(`keyward vault: credential server: ${message}`) });
  try {
    return await run(childEnv(ctx.env, resolution, server));
  } finally {
    await server.close();
  }
}

export async function vaultExport(args: readonly string[], ctx: VaultContext): Promise<number> {
  const parsed = parseArgs(args, { options: [...CREDENTIAL_OPTIONS, 'format'], flags: ['no-session'] });
  const profile = profileArg(parsed, 'export');
  const format = parsed.options.get('format') ?? 'env';
  if (!isExportFormat(format)) throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}`);
  const { records } = openVault(ctx);
  ctx.out(formatCredentials(await resolveFor(ctx, records, profile, parsed), format));
  return 0;
}

/** A policy that lets the federated session do whatever the user may: the effective rights are the intersection. */
const FEDERATION_POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });

export async function vaultLogin(args: readonly string[], ctx: VaultContext): Promise<number> {
  const parsed = parseArgs(args, { options: [...CREDENTIAL_OPTIONS, 'federation-url', 'destination', 'issuer'], flags: ['open', 'no-session'] });
  const profile = profileArg(parsed, 'login');
  const config = await loadConfig(ctx.env);
  const isRole = profileChain(config, profile).some((p) => p.roleArn !== undefined);
  const { records } = openVault(ctx);
  let credentials: SessionCredentials;
  let endpointUrl: string | undefined;
  // SessionDuration (the console session's length) is for role sessions only: AWS refuses it with
  // GetFederationToken credentials, whose own DurationSeconds sets the console session instead.
  let sessionDurationSeconds: number | undefined;
  const duration = parsed.options.get('duration');
  if (isRole && duration !== undefined) {
    sessionDurationSeconds = parseDuration(duration);
    if (sessionDurationSeconds < 900 || sessionDurationSeconds > 43_200) throw new VaultError('login --duration of a role session is 900 to 43200 seconds (15m to 12h)');
  }
  if (isRole) {
    // The role session itself keeps the profile's duration_seconds: --duration is the console's.
    const options = new Map([...parsed.options].filter(([name]) => name !== 'duration'));
    const resolution = await resolveFor(ctx, records, profile, { ...parsed, options });
    endpointUrl = resolution.endpointUrl;
    const c = resolution.credentials;
    if (c.sessionToken === undefined) throw new VaultError('login needs temporary credentials');
    credentials = { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken };
  } else {
    // The federation endpoint takes role or federated-user sessions, not GetSessionToken ones.
    const resolution = await resolveFor(ctx, records, profile, { ...parsed, flags: new Set(['no-session']) });
    endpointUrl = resolution.endpointUrl;
    const target = { region: resolution.region, clock: ctx.clock, ...(endpointUrl !== undefined && { endpointUrl }) };
    const { GetFederationTokenCommand } = await loadSts();
    const client = await stsClient(target, resolution.credentials);
    const out = await call('GetFederationToken', () =>
      client.send(
        new GetFederationTokenCommand({
          Name: profile.replace(/[^\w+=,.@-]/g, '-').slice(0, 32).padEnd(2, '-'),
          Policy: FEDERATION_POLICY,
          ...(duration !== undefined && { DurationSeconds: parseDuration(duration) }),
        }),
      ),
    );
    const c = out.Credentials;
    if (c?.AccessKeyId === undefined || c.SecretAccessKey === undefined || c.SessionToken === undefined) throw new VaultError('GetFederationToken answered without credentials');
    credentials = { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
  }
  const federationUrl = parsed.options.get('federation-url');
  const destination = parsed.options.get('destination');
  const issuer = parsed.options.get('issuer');
  const target = loginTarget(endpointUrl, {
    ...(federationUrl !== undefined && { federationUrl }),
    ...(destination !== undefined && { destination }),
    ...(issuer !== undefined && { issuer }),
  });
  const token = await fetchSigninToken(target.federationUrl, credentials, {
    ...(sessionDurationSeconds !== undefined && { sessionDurationSeconds }),
    ...(ctx.fetch !== undefined && { fetch: ctx.fetch }),
  });
  const url = loginUrl(target, token);
  if (parsed.flags.has('open')) {
    await (ctx.openUrl ?? openInBrowser)(url);
    ctx.out('Opened the console sign-in URL in the browser');
  } else ctx.out(url);
  return 0;
}

function openInBrowser(url: string): Promise<void> {
  const [command, ...args] =
    process.platform === 'darwin' ? ['open', url] : process.platform === 'win32' ? ['cmd', '/c', 'start', '', url] : ['xdg-open', url];
  return new Promise((resolve, reject) => {
    const child = spawn(command as string, args, { stdio: 'ignore', detached: true });
    child.once('error', (error) => reject(new VaultError(`could not open a browser (${error.message}); run without --open and copy the URL`)));
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
}
