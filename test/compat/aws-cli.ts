// Runs the real aws CLI against Keyward with nothing from the machine's AWS configuration:
// no config or credentials files, explicit keys in the environment, us-east-1, --endpoint-url.
import { execFile } from 'node:child_process';

export interface AwsCli {
  /** `aws` on PATH (v1 here) or `/usr/bin/aws` (v2): see available-clis.ts. */
  readonly label: string;
  readonly bin: string;
}

export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The environment the CLI and boto3 get: the caller's, minus every AWS_* setting, plus ours. */
export function awsEnv(credentials: Credentials): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('AWS_')) env[key] = value;
  return {
    ...env,
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    ...(credentials.sessionToken !== undefined && { AWS_SESSION_TOKEN: credentials.sessionToken }),
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
    AWS_MAX_ATTEMPTS: '1',
  };
}

export function runAws(cli: AwsCli, endpoint: string, credentials: Credentials, args: readonly string[], cwd: string): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(cli.bin, [...args, '--endpoint-url', endpoint], { cwd, env: awsEnv(credentials), encoding: 'utf8' }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Fails with the CLI's own words when it did not succeed. */
export function expectSuccess(result: CliResult, what: string): string {
  if (result.code !== 0) {
    const notImplemented = result.stderr.includes('(NotImplemented)') ? ' [NotImplemented in Keyward]' : '';
    throw new Error(`${what} failed (exit ${result.code})${notImplemented}: ${result.stderr.trim()}`);
  }
  return result.stdout;
}

/** The CLI's JSON output, parsed; fails with the CLI's own words when it did not succeed. */
export async function expectJson(result: Promise<CliResult>, what: string): Promise<Record<string, unknown>> {
  return JSON.parse(expectSuccess(await result, what) || '{}') as Record<string, unknown>;
}

/** The one-line error the CLI prints, without v2's retry note (`operation (reached max retries: 0): ...`). */
export function cliError(stderr: string): string {
  return stderr.trim().replace(/ operation \(reached max retries: \d+\):/, ' operation:');
}

/** Fails unless the call was refused with `code`; gives back the CLI's one-line error. */
export function expectRefused(result: CliResult, code: string, what: string): string {
  if (result.code === 0) throw new Error(`${what} succeeded but should have been refused with ${code}: ${result.stdout.trim()}`);
  const line = cliError(result.stderr);
  if (!line.includes(`An error occurred (${code})`)) throw new Error(`${what} was refused, but not with ${code}: ${line}`);
  if (result.stdout !== '') throw new Error(`${what} was refused but wrote to stdout: ${result.stdout}`);
  return line;
}

/** Credentials from `create-access-key` output or STS's `Credentials` element. */
export function credentialsOf(output: Record<string, unknown>): Credentials {
  const key = (output.AccessKey ?? output.Credentials) as { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string } | undefined;
  if (key?.AccessKeyId === undefined || key.SecretAccessKey === undefined) throw new Error(`no credentials in ${JSON.stringify(output)}`);
  return { accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey, ...(key.SessionToken !== undefined && { sessionToken: key.SessionToken }) };
}
