// AssumeRoleWithSAML: a SAML 2.0 response signed by an identity provider registered in the
// role's account is exchanged for a role session. The request needs no AWS credentials: the
// response is verified against the provider's metadata (signature, issuer, time window,
// audience, the Role attribute naming this role and provider), then the role's trust policy
// decides with the saml:* keys.

import { samlContextKeys, samlFailures, verifySamlResponse } from '../../auth/saml/index.js';
import { parseIamArn } from '../../domain/arn.js';
import { IamError } from '../../protocol/errors.js';
import { findSamlProvider } from '../iam/providers/lookup.js';
import { str } from '../input.js';
import type { OperationTable } from '../operation.js';
import { assumeFederatedRole, roleTarget } from './federation-assume.js';
import { notAuthorizedFederated } from './federation-errors.js';
import { checkFederatedTags } from './federation-tags.js';
import { readSessionRequest } from './session-request.js';

const ACTION = 'sts:AssumeRoleWithSAML';

export const samlOperations: OperationTable = {
  AssumeRoleWithSAML: {
    // No AWS caller is authorized: the role's trust policy decides, in run().
    checks: () => [],
    async run(input, ctx) {
      const roleArn = str(input, 'RoleArn');
      const target = roleTarget(roleArn, ACTION);
      const session = readSessionRequest(input);
      const principalArn = str(input, 'PrincipalArn');
      // The provider must be a SAML provider of the role's account.
      const parsed = parseIamArn(principalArn);
      if (parsed?.kind !== 'saml-provider' || parsed.account !== target.accountId) throw notAuthorizedFederated(ACTION);
      const provider = await ctx.store.read((tx) => findSamlProvider(tx, target.accountId, principalArn));
      if (provider === undefined) throw notAuthorizedFederated(ACTION);

      const verified = verifySamlResponse(str(input, 'SAMLAssertion'), {
        metadata: provider.metadataDocument,
        providerArn: provider.arn,
        now: ctx.now,
      });
      if (!verified.ok) throw new IamError(verified.code, verified.message);
      // The IdP must have granted this very role (with this provider) in the Role attribute.
      if (!verified.roles.some((r) => r.roleArn === roleArn)) throw notAuthorizedFederated(ACTION);

      const common = await assumeFederatedRole(ctx, input, {
        action: ACTION,
        target,
        principal: { type: 'SAMLUser', arn: '', account: '', federatedProvider: provider.arn },
        claimKeys: samlContextKeys(verified),
        sessionName: verified.sessionName,
        session,
        tags: checkFederatedTags(verified.tags, verified.transitiveTagKeys),
        ...(verified.sourceIdentity !== undefined && { sourceIdentity: verified.sourceIdentity }),
        ...(verified.sessionDuration !== undefined && { providerDurationSeconds: verified.sessionDuration }),
        // Last, once everything else has passed: of two requests with one assertion, one gets
        // the session (SAML 2.0 profiles, 4.1.4.5: bearer assertions must not be replayed).
        beforeIssue: async () => {
          if (!(await ctx.store.claimOnce(`saml:${verified.issuer}`, verified.assertionId, verified.usableUntil, ctx.now))) {
            const replayed = samlFailures.replayed();
            throw new IamError(replayed.code, replayed.message);
          }
        },
      });
      return {
        ...common,
        Subject: verified.subject,
        SubjectType: verified.subjectType,
        Issuer: verified.issuer,
        Audience: verified.audience,
        NameQualifier: verified.nameQualifier,
      };
    },
  },
};
