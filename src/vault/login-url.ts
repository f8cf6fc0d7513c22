// `login PROFILE`: a console sign-in URL through the federation endpoint, in AWS's documented
// shape: GET FEDERATION?Action=getSigninToken&Session={"sessionId","sessionKey","sessionToken"}
// answers {"SigninToken": ...}; FEDERATION?Action=login&Issuer=&Destination=&SigninToken= signs in.

import { VaultError } from './vault-error.js';

export const AWS_FEDERATION_URL = 'https://signin.aws.amazon.com/federation';
export const AWS_CONSOLE_URL = 'https://console.aws.amazon.com/';

export interface SessionCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
}

export interface LoginTarget {
  readonly federationUrl: string;
  readonly destination: string;
  readonly issuer?: string;
}

/** Keyward's console serves the federation endpoint on the API endpoint; AWS on signin.aws.amazon.com. */
export function loginTarget(endpointUrl: string | undefined, overrides: Partial<LoginTarget> = {}): LoginTarget {
  const base = endpointUrl?.replace(/\/+$/, '');
  return {
    federationUrl: overrides.federationUrl ?? (base === undefined ? AWS_FEDERATION_URL : `${base}/federation`),
    destination: overrides.destination ?? (base === undefined ? AWS_CONSOLE_URL : `${base}/console/`),
    ...(overrides.issuer !== undefined && { issuer: overrides.issuer }),
  };
}

export function signinTokenUrl(federationUrl: string, credentials: SessionCredentials, sessionDurationSeconds?: number): string {
  const url = new URL(federationUrl);
  url.searchParams.set('Action', 'getSigninToken');
  if (sessionDurationSeconds !== undefined) url.searchParams.set('SessionDuration', String(sessionDurationSeconds));
  url.searchParams.set(
    'Session',
    JSON.stringify({ sessionId: credentials.accessKeyId, sessionKey: credentials.secretAccessKey, sessionToken: credentials.sessionToken }),
  );
  return url.toString();
}

export function loginUrl(target: LoginTarget, signinToken: string): string {
  const url = new URL(target.federationUrl);
  url.searchParams.set('Action', 'login');
  if (target.issuer !== undefined) url.searchParams.set('Issuer', target.issuer);
  url.searchParams.set('Destination', target.destination);
  url.searchParams.set('SigninToken', signinToken);
  return url.toString();
}

/** Asks the federation endpoint for a sign-in token; its errors never echo the request URL (it holds the secret). */
export async function fetchSigninToken(
  federationUrl: string,
  credentials: SessionCredentials,
  options: { sessionDurationSeconds?: number; fetch?: typeof fetch } = {},
): Promise<string> {
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(signinTokenUrl(federationUrl, credentials, options.sessionDurationSeconds));
  } catch (error) {
    throw new VaultError(`the federation endpoint ${federationUrl} did not answer (${(error as Error).message})`);
  }
  if (!response.ok) throw new VaultError(`the federation endpoint ${federationUrl} answered ${response.status}; it may not exist on this server yet`);
  const body = (await response.json().catch(() => undefined)) as { SigninToken?: unknown } | undefined;
  if (typeof body?.SigninToken !== 'string' || body.SigninToken === '') throw new VaultError(`the federation endpoint ${federationUrl} answered without a SigninToken`);
  return body.SigninToken;
}
