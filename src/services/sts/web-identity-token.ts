// GetWebIdentityToken (outbound web identity federation): a JWT about the caller, signed with the
// account's RS256 or ES384 key, that external services verify against the issuer's JWKS
// (served by this server, outbound-discovery.ts). Needs the account switch of org-outbound-federation.ts.

import { SignJWT } from 'jose';
import type { Tag } from '../../domain/entities.js';
import { IamError } from '../../protocol/errors.js';
import type { WireObject } from '../../protocol/wire-value.js';
import { mustGetAccount, outboundFederationOf, uuid } from '../iam/organizations/outbound-federation.js';
import { requestTagKeys } from '../iam/tag-keys.js';
import { optInt, str, strList, tagList } from '../input.js';
import type { OperationTable, ServiceContext } from '../operation.js';
import { webIdentityClaims } from './outbound-claims.js';
import { servedIssuer } from './outbound-issuer.js';
import {
  generateMissingKeys,
  hasEveryAlgorithm,
  isSigningAlgorithm,
  privateKeyOf,
  signingKeyFor,
  signingKeysOf,
  withSigningKeys,
  type SigningAlgorithm,
  type StoredSigningKey,
} from './outbound-keys.js';
import { duplicateTagKeys } from './sts-errors.js';

/** AWS: 300 seconds unless DurationSeconds (60-3600, checked by the model) says otherwise. */
const DEFAULT_DURATION_SECONDS = 300;

interface TokenInput {
  readonly audiences: readonly string[];
  readonly durationSeconds: number;
  readonly algorithm: SigningAlgorithm;
  readonly tags: readonly Tag[];
}

function readInput(input: WireObject): TokenInput {
  const algorithm = str(input, 'SigningAlgorithm');
  if (!isSigningAlgorithm(algorithm)) {
    throw new IamError(
      'ValidationError',
      `1 validation error detected: Value '${algorithm}' at 'signingAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: [RS256, ES384]`,
    );
  }
  const tags = tagList(input);
  if (new Set(tags.map((t) => t.key.toLowerCase())).size !== tags.length) throw duplicateTagKeys();
  return {
    audiences: strList(input, 'Audience'),
    durationSeconds: optInt(input, 'DurationSeconds') ?? DEFAULT_DURATION_SECONDS,
    algorithm,
    tags,
  };
}

const federationDisabled = (): IamError =>
  new IamError(
    'OutboundWebIdentityFederationDisabledException',
    'The outbound web identity federation feature is not enabled for this account. To use this feature, you must first enable it through the AWS Management Console or API.',
  );

const durationEscalation = (): IamError =>
  new IamError(
    'SessionDurationEscalationException',
    'The requested token duration would extend the session beyond its original expiration time.',
  );

/** The account's signing keys, made (and stored) the first time a token is asked for. */
async function accountSigningKeys(ctx: ServiceContext, existing: readonly StoredSigningKey[]): Promise<readonly StoredSigningKey[]> {
  if (hasEveryAlgorithm(existing)) return existing;
  const fresh = await generateMissingKeys(ctx.secrets, ctx.accountId, existing, ctx.now);
  return ctx.store.write(async (tx) => {
    const account = await mustGetAccount(tx, ctx.accountId);
    const current = signingKeysOf(account);
    // Another request may have stored keys meanwhile; its keys win, so every token is verifiable.
    const merged = [...current, ...fresh.filter((k) => !current.some((c) => c.alg === k.alg))];
    if (merged.length !== current.length) await tx.accounts.update(withSigningKeys(account, merged));
    return merged;
  });
}

export const webIdentityTokenOperations: OperationTable = {
  GetWebIdentityToken: {
    checks(input) {
      const request = readInput(input);
      return [
        {
          resource: '*',
          keys: {
            'sts:IdentityTokenAudience': [...request.audiences],
            'sts:DurationSeconds': String(request.durationSeconds),
            'sts:SigningAlgorithm': request.algorithm,
            ...requestTagKeys(request.tags),
          },
        },
      ];
    },
    async run(input, ctx) {
      const request = readInput(input);
      const session = ctx.caller.session;
      if (session !== undefined && Math.floor(ctx.now.getTime() / 1000) + request.durationSeconds > session.expiresAt) {
        throw durationEscalation();
      }
      const state = await ctx.store.read(async (tx) => {
        const account = await mustGetAccount(tx, ctx.accountId);
        return { federation: outboundFederationOf(account), keys: signingKeysOf(account) };
      });
      if (state.federation?.enabled !== true) throw federationDisabled();
      const key = signingKeyFor(await accountSigningKeys(ctx, state.keys), request.algorithm);
      if (key === undefined) throw new IamError('InternalFailure', 'We encountered an internal error. Please try again.');
      const claims = webIdentityClaims(ctx.caller, {
        issuer: servedIssuer(ctx, state.federation.issuerIdentifier),
        audiences: request.audiences,
        durationSeconds: request.durationSeconds,
        tags: request.tags,
        region: ctx.region,
        jti: uuid(ctx.random),
        now: ctx.now,
      });
      const token = await new SignJWT({ ...claims, aud: typeof claims.aud === 'string' ? claims.aud : [...claims.aud] })
        .setProtectedHeader({ alg: request.algorithm, kid: key.kid, typ: 'JWT' })
        .sign(privateKeyOf(ctx.secrets, ctx.accountId, key));
      return { WebIdentityToken: token, Expiration: new Date(claims.exp * 1000) };
    },
  },
};
