// Outbound web identity federation (Enable/Disable/GetOutboundWebIdentityFederationInfo): a per-account
// switch and the account's unique issuer id, kept in the account settings once first enabled; the
// issuer URL answered points at this server, which serves its discovery documents (outbound-issuer.ts).

import type { Account, AccountSettings } from '../../../domain/entities.js';
import type { Random } from '../../../domain/random.js';
import { IamError } from '../../../protocol/errors.js';
import type { StoreTx } from '../../../storage/ports.js';
import type { OperationTable } from '../../operation.js';
import { servedIssuer } from '../../sts/outbound-issuer.js';

export interface OutboundFederation {
  /** `https://<uuid>.tokens.sts.global.api.aws`, the shape of AWS's issuer URLs; kept across disable/enable. Answered as served by this server. */
  readonly issuerIdentifier: string;
  readonly enabled: boolean;
}

/**
 * AccountSettings has no field for this yet; the settings column is JSON, so the extra member
 * round-trips through both backends. Declared here until the domain type gains it.
 */
type SettingsWithFederation = AccountSettings & { readonly outboundWebIdentityFederation?: OutboundFederation };

export function outboundFederationOf(account: Account): OutboundFederation | undefined {
  return (account.settings as SettingsWithFederation).outboundWebIdentityFederation;
}

function withFederation(account: Account, federation: OutboundFederation): Account {
  const settings: SettingsWithFederation = { ...account.settings, outboundWebIdentityFederation: federation };
  return { ...account, settings };
}

/** A random (version 4) UUID from the injected randomness. */
export function uuid(random: Random): string {
  const b = Buffer.from(random.bytes(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export async function mustGetAccount(tx: StoreTx, accountId: string): Promise<Account> {
  const account = await tx.accounts.get(accountId);
  if (account === undefined) throw new IamError('ServiceFailure', 'The account could not be read.');
  return account;
}

const disabled = (): IamError =>
  new IamError('FeatureDisabled', 'Outbound web identity federation is not enabled for this account.');

export const outboundFederationOperations: OperationTable = {
  EnableOutboundWebIdentityFederation: {
    checks: () => [{ resource: '*' }],
    async run(_input, ctx) {
      const issuer = `https://${uuid(ctx.random)}.tokens.sts.global.api.aws`;
      const federation = await ctx.store.write(async (tx) => {
        const account = await mustGetAccount(tx, ctx.accountId);
        const current = outboundFederationOf(account);
        if (current?.enabled === true) {
          throw new IamError('FeatureEnabled', 'Outbound web identity federation is already enabled for this account.');
        }
        const next = { issuerIdentifier: current?.issuerIdentifier ?? issuer, enabled: true };
        await tx.accounts.update(withFederation(account, next));
        return next;
      });
      return { IssuerIdentifier: servedIssuer(ctx, federation.issuerIdentifier) };
    },
  },

  DisableOutboundWebIdentityFederation: {
    checks: () => [{ resource: '*' }],
    async run(_input, ctx) {
      await ctx.store.write(async (tx) => {
        const account = await mustGetAccount(tx, ctx.accountId);
        const current = outboundFederationOf(account);
        if (current?.enabled !== true) throw disabled();
        await tx.accounts.update(withFederation(account, { ...current, enabled: false }));
      });
      return undefined;
    },
  },

  GetOutboundWebIdentityFederationInfo: {
    checks: () => [{ resource: '*' }],
    async run(_input, ctx) {
      const current = await ctx.store.read(async (tx) => outboundFederationOf(await mustGetAccount(tx, ctx.accountId)));
      if (current === undefined) throw disabled();
      return { IssuerIdentifier: servedIssuer(ctx, current.issuerIdentifier), JwtVendingEnabled: current.enabled };
    },
  },
};
