// The claims of an outbound web identity token, as the IAM User Guide ("Understanding token
// claims") lists them: the OIDC claims plus AWS's own under the `https://sts.amazonaws.com/` namespace.

import { principalTags, type Caller } from '../../auth/caller.js';
import type { Tag } from '../../domain/entities.js';

export const AWS_CLAIMS_NAMESPACE = 'https://sts.amazonaws.com/';

export interface TokenRequest {
  readonly issuer: string;
  readonly audiences: readonly string[];
  readonly durationSeconds: number;
  readonly tags: readonly Tag[];
  readonly region: string;
  readonly jti: string;
  readonly now: Date;
}

export interface WebIdentityClaims {
  readonly iss: string;
  readonly aud: string | readonly string[];
  readonly sub: string;
  readonly iat: number;
  readonly exp: number;
  readonly jti: string;
  readonly [AWS_CLAIMS_NAMESPACE]: Readonly<Record<string, string | Readonly<Record<string, string>>>>;
}

/** The IAM identity behind the caller: a role session is its role (AWS: "For a role session, this is the ARN of the role"). */
export function principalArnOf(caller: Caller): string {
  if (caller.principal.type === 'AssumedRole') return caller.principal.roleArn ?? caller.session?.role?.arn ?? caller.principal.arn;
  return caller.principal.arn;
}

const tagObject = (tags: readonly Tag[]): Record<string, string> => Object.fromEntries(tags.map((t) => [t.key, t.value]));

export function webIdentityClaims(caller: Caller, request: TokenRequest): WebIdentityClaims {
  const iat = Math.floor(request.now.getTime() / 1000);
  const principal = principalArnOf(caller);
  const tags = principalTags(caller);
  return {
    iss: request.issuer,
    // One audience is a string, as in AWS's sample token; several are an array (RFC 7519 allows both).
    aud: request.audiences.length === 1 ? (request.audiences[0] ?? '') : [...request.audiences],
    sub: principal,
    iat,
    exp: iat + request.durationSeconds,
    jti: request.jti,
    [AWS_CLAIMS_NAMESPACE]: {
      aws_account: caller.accountId,
      source_region: request.region,
      principal_id: principal,
      ...(tags.length > 0 && { principal_tags: tagObject(tags) }),
      ...(request.tags.length > 0 && { request_tags: tagObject(request.tags) }),
    },
  };
}
