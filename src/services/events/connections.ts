// CreateConnection, DescribeConnection, ListConnections and DeleteConnection: how Keyward
// authenticates to a webhook, API_KEY (a header and its value) or BASIC (user and password).
// The secret is sealed under the master key, bound to the connection's ARN, and never
// answered: DescribeConnection names the header or user, as EventBridge does.

import { randomUUID } from 'node:crypto';
import { EntityAlreadyExistsError } from '../../storage/errors.js';
import type { WireObject } from '../../protocol/wire-value.js';
import type { ConnectionAuthType, EventConnection } from '../../storage/events-repositories.js';
import { optStr, str } from '../input.js';
import type { OperationTable, ServiceContext } from '../operation.js';
import { alreadyExists, connectionNotFound, validation } from './errors.js';
import { connectionPolicyArn, nextTokenOf, pageOf } from './names.js';

/** What a connection authenticates with, read from CreateConnection's AuthParameters. */
function authOf(input: WireObject): { type: ConnectionAuthType; name: string; secret: string } {
  const type = str(input, 'AuthorizationType');
  const params = (input.AuthParameters ?? {}) as WireObject;
  if (type === 'API_KEY') {
    const apiKey = params.ApiKeyAuthParameters as WireObject | undefined;
    if (apiKey === undefined) throw validation('ApiKeyAuthParameters must be specified for authorization type API_KEY.');
    return { type, name: str(apiKey, 'ApiKeyName'), secret: str(apiKey, 'ApiKeyValue') };
  }
  if (type === 'BASIC') {
    const basic = params.BasicAuthParameters as WireObject | undefined;
    if (basic === undefined) throw validation('BasicAuthParameters must be specified for authorization type BASIC.');
    return { type, name: str(basic, 'Username'), secret: str(basic, 'Password') };
  }
  throw validation(`Authorization type ${type} is not supported by Keyward: use API_KEY or BASIC.`);
}

/** Seals and stores a new connection; also used for Keyward's own root-use alert. */
export async function createConnection(ctx: ServiceContext, input: WireObject): Promise<EventConnection> {
  const name = str(input, 'Name');
  const auth = authOf(input);
  const arn = `arn:aws:events:${ctx.region}:${ctx.accountId}:connection/${name}/${randomUUID()}`;
  const description = optStr(input, 'Description');
  const connection: EventConnection = {
    accountId: ctx.accountId,
    name,
    arn,
    ...(description !== undefined && { description }),
    authorizationType: auth.type,
    authName: auth.name,
    sealedSecret: ctx.secrets.seal(auth.secret, arn),
    createdAt: ctx.now,
    modifiedAt: ctx.now,
  };
  try {
    await ctx.store.write((tx) => tx.events.createConnection(connection));
  } catch (error) {
    if (error instanceof EntityAlreadyExistsError) throw alreadyExists(`Connection ${name} already exists.`);
    throw error;
  }
  return connection;
}

function times(c: EventConnection): WireObject {
  return { CreationTime: c.createdAt, LastModifiedTime: c.modifiedAt, LastAuthorizedTime: c.modifiedAt };
}

function check(input: WireObject, ctx: ServiceContext) {
  return [{ resource: connectionPolicyArn(ctx, str(input, 'Name')) }];
}

export const connectionOperations: OperationTable = {
  CreateConnection: {
    checks: check,
    async run(input, ctx) {
      const c = await createConnection(ctx, input);
      return { ConnectionArn: c.arn, ConnectionState: 'AUTHORIZED', CreationTime: c.createdAt, LastModifiedTime: c.modifiedAt };
    },
  },
  DescribeConnection: {
    checks: check,
    async run(input, ctx) {
      const name = str(input, 'Name');
      const c = await ctx.store.read((tx) => tx.events.getConnection(ctx.accountId, name));
      if (c === undefined) throw connectionNotFound(name);
      const authParameters = c.authorizationType === 'API_KEY' ? { ApiKeyAuthParameters: { ApiKeyName: c.authName } } : { BasicAuthParameters: { Username: c.authName } };
      return {
        ConnectionArn: c.arn,
        Name: c.name,
        ...(c.description !== undefined && { Description: c.description }),
        ConnectionState: 'AUTHORIZED',
        AuthorizationType: c.authorizationType,
        AuthParameters: authParameters,
        ...times(c),
      };
    },
  },
  ListConnections: {
    checks: () => [{ resource: '*' }],
    async run(input, ctx) {
      const namePrefix = optStr(input, 'NamePrefix');
      const state = optStr(input, 'ConnectionState');
      const page = await ctx.store.read((tx) => tx.events.listConnections({ accountId: ctx.accountId, ...pageOf(input), ...(namePrefix !== undefined && { namePrefix }) }));
      // Every stored connection is AUTHORIZED: a filter on any other state finds none.
      const items = state === undefined || state === 'AUTHORIZED' ? page.items : [];
      return {
        Connections: items.map((c) => ({ ConnectionArn: c.arn, Name: c.name, ConnectionState: 'AUTHORIZED', AuthorizationType: c.authorizationType, ...times(c) })),
        ...nextTokenOf(page.nextAfter),
      };
    },
  },
  DeleteConnection: {
    checks: check,
    async run(input, ctx) {
      const name = str(input, 'Name');
      const c = await ctx.store.write(async (tx) => {
        const found = await tx.events.getConnection(ctx.accountId, name);
        if (found === undefined) throw connectionNotFound(name);
        await tx.events.deleteConnection(ctx.accountId, name);
        return found;
      });
      return { ConnectionArn: c.arn, ConnectionState: 'DELETING', ...times(c) };
    },
  },
};
