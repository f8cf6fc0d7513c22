// Service-specific credentials: Git credentials for CodeCommit, Keyspaces passwords and Bedrock /
// CloudWatch Logs API keys of IAM users. The secret is returned once (create, reset) and sealed at rest.

import type { ServiceSpecificCredential } from '../../../domain/credentials.js';
import { newServiceSpecificCredentialId } from '../../../domain/ids.js';
import type { ContextValue } from '../../../policy/context.js';
import { IamError } from '../../../protocol/errors.js';
import type { WireObject } from '../../../protocol/wire-value.js';
import type { StoreTx } from '../../../storage/ports.js';
import { optBool, optInt, optStr, str } from '../../input.js';
import type { OperationTable, ServiceContext } from '../../operation.js';
import { pageRequest, pageResult } from '../../paging.js';
import { ownerCheck } from '../certificates/owner-check.js';
import { pageOf } from '../list-page.js';
import { settableStatus } from '../certificates/status.js';
import { noSuchUser, quotaExceeded } from '../errors.js';
import {
  apiKeyAlias,
  credentialKind,
  newApiKeySecret,
  newServicePassword,
  SERVICE_CREDENTIALS_PER_USER_PER_SERVICE,
  serviceUserName,
} from './kinds.js';
import { targetUserName } from '../users/operations.js';

const DAY_MS = 86_400_000;
const noSuchCredential = (id: string): IamError =>
  new IamError('NoSuchEntity', `The Service Specific Credential with id ${id} cannot be found.`);

function status(c: ServiceSpecificCredential, now: Date): string {
  return c.expirationDate !== undefined && c.expirationDate.getTime() <= now.getTime() ? 'Expired' : c.status;
}

function wireMetadata(c: ServiceSpecificCredential, now: Date): WireObject {
  return {
    UserName: c.userName,
    Status: status(c, now),
    ...(c.serviceUserName !== undefined && { ServiceUserName: c.serviceUserName }),
    ...(c.serviceCredentialAlias !== undefined && { ServiceCredentialAlias: c.serviceCredentialAlias }),
    CreateDate: c.createDate,
    ...(c.expirationDate !== undefined && { ExpirationDate: c.expirationDate }),
    ServiceSpecificCredentialId: c.serviceSpecificCredentialId,
    ServiceName: c.serviceName,
  };
}

/** The full credential with its secret, which only CreateServiceSpecificCredential and Reset return. */
function wireWithSecret(c: ServiceSpecificCredential, secret: string, now: Date): WireObject {
  const apiKey = c.serviceCredentialAlias !== undefined;
  return {
    CreateDate: c.createDate,
    ...(c.expirationDate !== undefined && { ExpirationDate: c.expirationDate }),
    ServiceName: c.serviceName,
    ...(c.serviceUserName !== undefined && { ServiceUserName: c.serviceUserName }),
    ...(!apiKey && { ServicePassword: secret }),
    ...(apiKey && { ServiceCredentialAlias: c.serviceCredentialAlias, ServiceCredentialSecret: secret }),
    ServiceSpecificCredentialId: c.serviceSpecificCredentialId,
    UserName: c.userName,
    Status: status(c, now),
  };
}

function newSecret(c: Pick<ServiceSpecificCredential, 'serviceCredentialAlias'>, ctx: ServiceContext): string {
  return c.serviceCredentialAlias === undefined ? newServicePassword(ctx.random) : newApiKeySecret(c.serviceCredentialAlias, ctx.random);
}

const seal = (ctx: ServiceContext, id: string, secret: string): string => ctx.secrets.seal(secret, `service-credential:${id}`);

async function mustGetUserName(tx: StoreTx, accountId: string, name: string): Promise<string> {
  const user = await tx.users.get(accountId, name);
  if (user === undefined) throw noSuchUser(name);
  return user.name;
}

/** The credential of the named user (undefined: the root user, who has none). */
async function ownedCredential(tx: StoreTx, accountId: string, userName: string | undefined, id: string): Promise<ServiceSpecificCredential> {
  if (userName === undefined) throw noSuchCredential(id);
  const owner = await mustGetUserName(tx, accountId, userName);
  const credential = await tx.serviceSpecificCredentials.get(accountId, id);
  if (credential === undefined || credential.userName.toLowerCase() !== owner.toLowerCase()) throw noSuchCredential(id);
  return credential;
}

const ownCheck = async (input: WireObject, ctx: ServiceContext) => [await ownerCheck(ctx, targetUserName(input, ctx))];

export const serviceCredentialOperations: OperationTable = {
  CreateServiceSpecificCredential: {
    async checks(input, ctx) {
      const days = optInt(input, 'CredentialAgeDays');
      const keys: Record<string, ContextValue> = {
        'iam:ServiceSpecificCredentialServiceName': str(input, 'ServiceName'),
        ...(days !== undefined && { 'iam:ServiceSpecificCredentialAgeDays': String(days) }),
      };
      return [await ownerCheck(ctx, str(input, 'UserName'), keys)];
    },
    async run(input, ctx) {
      const serviceName = str(input, 'ServiceName');
      const kind = credentialKind(serviceName);
      const days = optInt(input, 'CredentialAgeDays');
      if (days !== undefined && kind !== 'api-key') {
        throw new IamError('InvalidInput', 'CredentialAgeDays is only valid for Bedrock and CloudWatch Logs API keys.');
      }
      const id = newServiceSpecificCredentialId(ctx.random);
      const { credential, secret } = await ctx.store.write(async (tx) => {
        const owner = await mustGetUserName(tx, ctx.accountId, str(input, 'UserName'));
        if ((await tx.serviceSpecificCredentials.countForUserAndService(ctx.accountId, owner, serviceName)) >= SERVICE_CREDENTIALS_PER_USER_PER_SERVICE) {
          throw quotaExceeded('ServiceSpecificCredentialsPerUserPerService', SERVICE_CREDENTIALS_PER_USER_PER_SERVICE);
        }
        const naming =
          kind === 'api-key'
            ? { serviceCredentialAlias: apiKeyAlias(owner, ctx.accountId, ctx.now) }
            : { serviceUserName: serviceUserName(owner, ctx.accountId) };
        const plain = newSecret(naming, ctx);
        const created: ServiceSpecificCredential = {
          accountId: ctx.accountId,
          serviceSpecificCredentialId: id,
          userName: owner,
          serviceName,
          ...naming,
          sealedSecret: seal(ctx, id, plain),
          status: 'Active',
          createDate: ctx.now,
          ...(days !== undefined && { expirationDate: new Date(ctx.now.getTime() + days * DAY_MS) }),
        };
        await tx.serviceSpecificCredentials.insert(created);
        return { credential: created, secret: plain };
      });
      return { ServiceSpecificCredential: wireWithSecret(credential, secret, ctx.now) };
    },
  },

  ResetServiceSpecificCredential: {
    async checks(input, ctx) {
      const found = await ctx.store.read((tx) => tx.serviceSpecificCredentials.get(ctx.accountId, str(input, 'ServiceSpecificCredentialId')));
      const keys: Record<string, ContextValue> = found === undefined ? {} : { 'iam:ServiceSpecificCredentialServiceName': found.serviceName };
      return [await ownerCheck(ctx, targetUserName(input, ctx), keys)];
    },
    async run(input, ctx) {
      const userName = targetUserName(input, ctx);
      const { credential, secret } = await ctx.store.write(async (tx) => {
        const found = await ownedCredential(tx, ctx.accountId, userName, str(input, 'ServiceSpecificCredentialId'));
        const plain = newSecret(found, ctx);
        await tx.serviceSpecificCredentials.updateSecret(ctx.accountId, found.serviceSpecificCredentialId, seal(ctx, found.serviceSpecificCredentialId, plain));
        return { credential: found, secret: plain };
      });
      return { ServiceSpecificCredential: wireWithSecret(credential, secret, ctx.now) };
    },
  },

  UpdateServiceSpecificCredential: {
    checks: ownCheck,
    async run(input, ctx) {
      const next = settableStatus(input);
      const userName = targetUserName(input, ctx);
      await ctx.store.write(async (tx) => {
        const found = await ownedCredential(tx, ctx.accountId, userName, str(input, 'ServiceSpecificCredentialId'));
        await tx.serviceSpecificCredentials.updateStatus(ctx.accountId, found.serviceSpecificCredentialId, next);
      });
      return undefined;
    },
  },

  DeleteServiceSpecificCredential: {
    checks: ownCheck,
    async run(input, ctx) {
      const userName = targetUserName(input, ctx);
      await ctx.store.write(async (tx) => {
        const found = await ownedCredential(tx, ctx.accountId, userName, str(input, 'ServiceSpecificCredentialId'));
        await tx.serviceSpecificCredentials.delete(ctx.accountId, found.serviceSpecificCredentialId);
      });
      return undefined;
    },
  },

  ListServiceSpecificCredentials: {
    // AllUsers lists every user's credentials, so it is checked against every user.
    async checks(input, ctx) {
      if (optBool(input, 'AllUsers') === true) return [{ resource: `arn:aws:iam::${ctx.accountId}:user/*` }];
      return ownCheck(input, ctx);
    },
    async run(input, ctx) {
      const serviceName = optStr(input, 'ServiceName');
      if (serviceName !== undefined) credentialKind(serviceName);
      if (optBool(input, 'AllUsers') === true) {
        const page = await ctx.store.read((tx) =>
          tx.serviceSpecificCredentials.listAll({ accountId: ctx.accountId, ...pageRequest(input), ...(serviceName !== undefined && { serviceName }) }),
        );
        return { ServiceSpecificCredentials: page.items.map((c) => wireMetadata(c, ctx.now)), ...pageResult(page) };
      }
      const userName = targetUserName(input, ctx);
      const credentials =
        userName === undefined
          ? []
          : await ctx.store.read(async (tx) => {
              const owner = await mustGetUserName(tx, ctx.accountId, userName);
              return serviceName === undefined
                ? tx.serviceSpecificCredentials.listForUser(ctx.accountId, owner)
                : tx.serviceSpecificCredentials.listForUserAndService(ctx.accountId, owner, serviceName);
            });
      const page = pageOf(credentials, input);
      return { ServiceSpecificCredentials: page.items.map((c) => wireMetadata(c, ctx.now)), ...pageResult(page) };
    },
  },
};
