// AssumeRoleWithWebIdentity: a JWT from an OpenID Connect provider registered in the role's
// account is exchanged for a role session. The request needs no AWS credentials: the token
// is verified against the provider (issuer, client ids, the issuer's keys, expiry) and the
// role's trust policy decides, with the token's claims as condition keys.

import {
  providerUrlForIssuer,
  readTokenIssuer,
  verifyWebIdentityToken,
  webIdentityContextKeys,
  webIdentityFailures,
  type WebIdentityFailure,
} from '../../auth/oidc/index.js';
import { oidcProviderArn } from '../../domain/arn.js';
import type { OidcProvider } from '../../domain/providers.js';
import { IamError } from '../../protocol/errors.js';
import { str } from '../input.js';
import type { OperationTable } from '../operation.js';
import { assumeFederatedRole, roleTarget } from './federation-assume.js';
import { webIdentitySessionTags, webIdentitySourceIdentity } from './federation-web-claims.js';
import { readSessionRequest } from './session-request.js';

const ACTION = 'sts:AssumeRoleWithWebIdentity';

/**
 * Providers AWS has built in: trust policies name them by host (`"Federated":
 * "accounts.google.com"`), not by an IAM provider ARN.
 */
const BUILT_IN_PROVIDERS: ReadonlySet<string> = new Set([
  'accounts.google.com',
  'cognito-identity.amazonaws.com',
  'graph.facebook.com',
  'www.amazon.com',
]);

function refused(failure: WebIdentityFailure): IamError {
  return new IamError(failure.code, failure.message);
}

/** How trust policies and aws:FederatedProvider name the provider. */
function federatedName(provider: OidcProvider): string | undefined {
  return BUILT_IN_PROVIDERS.has(provider.url) ? undefined : provider.arn;
}

export const webIdentityOperations: OperationTable = {
  AssumeRoleWithWebIdentity: {
    // No AWS caller is authorized: the role's trust policy decides, in run().
    checks: () => [],
    async run(input, ctx) {
      const target = roleTarget(str(input, 'RoleArn'), ACTION);
      const session = readSessionRequest(input);
      const token = str(input, 'WebIdentityToken');
      const issuer = readTokenIssuer(token);
      if (issuer === undefined) throw refused(webIdentityFailures.malformed());
      const arn = oidcProviderArn(target.accountId, providerUrlForIssuer(issuer));
      const provider = await ctx.store.read((tx) => tx.oidcProviders.get(target.accountId, arn));
      if (provider === undefined) throw refused(webIdentityFailures.unknownProvider(issuer));

      const verified = await verifyWebIdentityToken(token, {
        providerUrl: provider.url,
        clientIds: provider.clientIds,
        thumbprints: provider.thumbprints,
        now: ctx.now,
      });
      if (!verified.ok) throw refused(verified);

      const name = federatedName(provider);
      const sourceIdentity = webIdentitySourceIdentity(verified.claims);
      const common = await assumeFederatedRole(ctx, input, {
        action: ACTION,
        target,
        principal: { type: 'WebIdentityUser', arn: '', account: '', federatedProvider: name ?? provider.url },
        claimKeys: webIdentityContextKeys(verified, { url: provider.url, ...(name !== undefined && { arn: name }) }),
        sessionName: str(input, 'RoleSessionName'),
        session,
        tags: webIdentitySessionTags(verified.claims),
        ...(sourceIdentity !== undefined && { sourceIdentity }),
      });
      return {
        ...common,
        SubjectFromWebIdentityToken: verified.subject,
        Provider: verified.issuer,
        Audience: verified.audience,
      };
    },
  },
};
