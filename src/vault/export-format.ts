// `export --format env|json|ini`: json is the credential_process format
// (`credential_process = keyward vault export PROFILE --format json` in ~/.aws/config).

import type { Resolution } from './credential-chain.js';
import { VaultError } from './vault-error.js';

export const EXPORT_FORMATS = ['env', 'json', 'ini'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function isExportFormat(text: string): text is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(text);
}

/** Single-quoted for POSIX shells, so `eval "$(keyward vault export p)"` is safe. */
function shellQuote(value: string): string {
  return /^[A-Za-z0-9_+/=.:@-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

export function formatCredentials(resolution: Resolution, format: ExportFormat): string {
  const c = resolution.credentials;
  switch (format) {
    case 'json':
      return JSON.stringify({
        Version: 1,
        AccessKeyId: c.accessKeyId,
        SecretAccessKey: c.secretAccessKey,
        ...(c.sessionToken !== undefined && { SessionToken: c.sessionToken }),
        ...(c.expiration !== undefined && { Expiration: c.expiration.toISOString() }),
      });
    case 'env': {
      const vars: [string, string | undefined][] = [
        ['AWS_ACCESS_KEY_ID', c.accessKeyId],
        ['AWS_SECRET_ACCESS_KEY', c.secretAccessKey],
        ['AWS_SESSION_TOKEN', c.sessionToken],
        ['AWS_CREDENTIAL_EXPIRATION', c.expiration?.toISOString()],
        ['AWS_REGION', resolution.region],
        ['AWS_DEFAULT_REGION', resolution.region],
        ['AWS_ENDPOINT_URL', resolution.endpointUrl],
      ];
      return vars
        .filter((v): v is [string, string] => v[1] !== undefined)
        .map(([k, v]) => `${k}=${shellQuote(v)}`)
        .join('\n');
    }
    case 'ini': {
      if (/[\]\r\n]/.test(resolution.profile)) throw new VaultError(`profile name '${resolution.profile}' cannot be an INI section`);
      const lines = [`[${resolution.profile}]`, `aws_access_key_id = ${c.accessKeyId}`, `aws_secret_access_key = ${c.secretAccessKey}`];
      if (c.sessionToken !== undefined) lines.push(`aws_session_token = ${c.sessionToken}`);
      lines.push(`region = ${resolution.region}`);
      return lines.join('\n');
    }
  }
}
