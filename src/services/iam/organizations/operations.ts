// The remaining account-level IAM actions: STS token preferences, outbound web identity federation,
// and the Organizations-only and partner-only actions answered as AWS answers a standalone account.

import { str } from '../../input.js';
import type { OperationTable } from '../../operation.js';
import { mustGetAccount, outboundFederationOperations } from './outbound-federation.js';
import { standaloneOperations } from './standalone.js';

export const organizationOperations: OperationTable = {
  SetSecurityTokenServicePreferences: {
    checks: () => [{ resource: '*' }],
    async run(input, ctx) {
      const version = str(input, 'GlobalEndpointTokenVersion') === 'v2Token' ? 'v2Token' : 'v1Token';
      await ctx.store.write(async (tx) => {
        const account = await mustGetAccount(tx, ctx.accountId);
        await tx.accounts.update({ ...account, settings: { ...account.settings, globalEndpointTokenVersion: version } });
      });
      return undefined;
    },
  },
  ...outboundFederationOperations,
  ...standaloneOperations,
};
