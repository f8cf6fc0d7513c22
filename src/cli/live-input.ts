// `--endpoint-url`: reads an account from a running Keyward (or AWS) through the IAM API:
// GetAccountAuthorizationDetails page by page, then each user's access keys and login
// profile (ListAccessKeys, GetLoginProfile), which the export leaves out and some
// techniques need. Signed by the AWS SDK v3 IAM client with the standard credential chain
// (environment, shared config and credentials files, --profile). Read-only calls only.

import type { AuthorizationDetails } from '../analysis/index.js';
import { addUserCredentials, formatProblem, readDetails } from '../analysis/index.js';

export interface LiveOptions {
  readonly endpoint: string;
  readonly profile?: string;
  readonly region?: string;
  /** MaxItems per GetAccountAuthorizationDetails page (default: the service's, 100). */
  readonly pageSize?: number;
  /** Credentials to use instead of the chain (tests). */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string; readonly sessionToken?: string };
}

/** How many per-user calls are in flight at once. */
const PARALLEL = 8;

type Json = Record<string, unknown>;

/** The SDK's output as the AWS CLI would print it: dates as ISO strings, no SDK metadata. */
function plain(value: unknown): Json {
  const { $metadata: _m, ...rest } = JSON.parse(JSON.stringify(value)) as Json;
  return rest;
}

export async function readLiveDetails(options: LiveOptions): Promise<AuthorizationDetails[] | string[]> {
  let sdk: typeof import('@aws-sdk/client-iam');
  try {
    sdk = await import('@aws-sdk/client-iam');
  } catch {
    return ['--endpoint-url needs the @aws-sdk/client-iam package (npm install @aws-sdk/client-iam)'];
  }
  const client = new sdk.IAMClient({
    endpoint: options.endpoint,
    region: options.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1',
    ...(options.profile === undefined ? {} : { profile: options.profile }),
    ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
  });
  const source = (n: number) => `${options.endpoint} (page ${n})`;
  try {
    const pages: Json[] = [];
    for await (const page of sdk.paginateGetAccountAuthorizationDetails({ client, ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }) }, {})) pages.push(plain(page));
    // Access keys and login profiles, user by user, a few at a time.
    await addUserCredentials(
      pages,
      async (action, input) =>
        plain(action === 'ListAccessKeys' ? await client.send(new sdk.ListAccessKeysCommand(input)) : await client.send(new sdk.GetLoginProfileCommand(input as { UserName: string }))),
      { parallel: PARALLEL },
    );
    const out: AuthorizationDetails[] = [];
    const problems: string[] = [];
    pages.forEach((json, i) => {
      const read = readDetails(source(i + 1), json);
      if (read.ok) out.push(read.details);
      else problems.push(...read.problems.map(formatProblem));
    });
    return problems.length > 0 ? problems : out;
  } catch (e) {
    const err = e as { name?: string; message?: string };
    return [`${options.endpoint}: ${err.name ?? 'Error'}: ${err.message ?? String(e)}`];
  } finally {
    client.destroy();
  }
}
