// The environment `exec` gives its program: ours, minus any other credentials, profile choice
// and the vault passphrase, plus the profile's temporary credentials (or the credential
// server's address and token), region and endpoint.

import type { Resolution } from './credential-chain.js';

const REMOVED = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
  'KEYWARD_VAULT_PASSPHRASE',
];

export interface CredentialServerAddress {
  readonly url: string;
  readonly token: string;
}

export function childEnv(
  base: Readonly<Record<string, string | undefined>>,
  resolution: Resolution,
  server?: CredentialServerAddress,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(base)) if (v !== undefined && !REMOVED.includes(k)) env[k] = v;
  env['KEYWARD_VAULT_PROFILE'] = resolution.profile;
  env['AWS_REGION'] = resolution.region;
  env['AWS_DEFAULT_REGION'] = resolution.region;
  if (resolution.endpointUrl !== undefined) env['AWS_ENDPOINT_URL'] = resolution.endpointUrl;
  if (server !== undefined) {
    env['AWS_CONTAINER_CREDENTIALS_FULL_URI'] = server.url;
    env['AWS_CONTAINER_AUTHORIZATION_TOKEN'] = server.token;
    return env;
  }
  const c = resolution.credentials;
  env['AWS_ACCESS_KEY_ID'] = c.accessKeyId;
  env['AWS_SECRET_ACCESS_KEY'] = c.secretAccessKey;
  if (c.sessionToken !== undefined) env['AWS_SESSION_TOKEN'] = c.sessionToken;
  if (c.expiration !== undefined) env['AWS_CREDENTIAL_EXPIRATION'] = c.expiration.toISOString();
  return env;
}
