// CreateApiDestination, DescribeApiDestination, ListApiDestinations and
// DeleteApiDestination: the webhook an alert is sent to, with the connection that
// authenticates it. EventBridge requires HTTPS; Keyward also takes plain HTTP to a loopback
// address (a receiver on the same host), and refuses it anywhere else.

import { randomUUID } from 'node:crypto';
import { EntityAlreadyExistsError } from '../../storage/errors.js';
import type { WireObject } from '../../protocol/wire-value.js';
import type { ApiDestination } from '../../storage/events-repositories.js';
import { optInt, optStr, str } from '../input.js';
import type { OperationTable, ServiceContext } from '../operation.js';
import { alreadyExists, apiDestinationNotFound, connectionNotFound, validation } from './errors.js';
import { apiDestinationPolicyArn, connectionPolicyArn, nameInArn, nextTokenOf, pageOf } from './names.js';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether Keyward will send to this endpoint: HTTPS anywhere, HTTP to loopback only. */
export function acceptableEndpoint(endpoint: string): boolean {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
}

/** Stores a new API destination; also used for Keyward's own root-use alert. */
export async function createApiDestination(ctx: ServiceContext, input: WireObject): Promise<ApiDestination> {
  const name = str(input, 'Name');
  const endpoint = str(input, 'InvocationEndpoint');
  if (!acceptableEndpoint(endpoint)) {
    throw validation(`Invalid InvocationEndpoint ${endpoint}: it must be an HTTPS URL (or HTTP to a loopback address).`);
  }
  const connectionArn = str(input, 'ConnectionArn');
  const description = optStr(input, 'Description');
  const rate = optInt(input, 'InvocationRateLimitPerSecond');
  const destination: ApiDestination = {
    accountId: ctx.accountId,
    name,
    arn: `arn:aws:events:${ctx.region}:${ctx.accountId}:api-destination/${name}/${randomUUID()}`,
    ...(description !== undefined && { description }),
    connectionArn,
    endpoint,
    httpMethod: str(input, 'HttpMethod'),
    ...(rate !== undefined && { rateLimitPerSecond: rate }),
    createdAt: ctx.now,
    modifiedAt: ctx.now,
  };
  try {
    await ctx.store.write(async (tx) => {
      const connection = await tx.events.getConnectionByArn(connectionArn);
      if (connection === undefined || connection.accountId !== ctx.accountId) throw connectionNotFound(nameInArn(connectionArn, 'connection') ?? connectionArn);
      await tx.events.createApiDestination(destination);
    });
  } catch (error) {
    if (error instanceof EntityAlreadyExistsError) throw alreadyExists(`An api-destination '${name}' already exists.`);
    throw error;
  }
  return destination;
}

function describe(d: ApiDestination): WireObject {
  return {
    ApiDestinationArn: d.arn,
    Name: d.name,
    ...(d.description !== undefined && { Description: d.description }),
    ApiDestinationState: 'ACTIVE',
    ConnectionArn: d.connectionArn,
    InvocationEndpoint: d.endpoint,
    HttpMethod: d.httpMethod,
    ...(d.rateLimitPerSecond !== undefined && { InvocationRateLimitPerSecond: d.rateLimitPerSecond }),
    CreationTime: d.createdAt,
    LastModifiedTime: d.modifiedAt,
  };
}

function check(input: WireObject, ctx: ServiceContext) {
  return [{ resource: apiDestinationPolicyArn(ctx, str(input, 'Name')) }];
}

export const apiDestinationOperations: OperationTable = {
  CreateApiDestination: {
    checks: (input, ctx) => [
      { resource: apiDestinationPolicyArn(ctx, str(input, 'Name')) },
      { resource: connectionPolicyArn(ctx, nameInArn(str(input, 'ConnectionArn'), 'connection') ?? '*') },
    ],
    async run(input, ctx) {
      const d = await createApiDestination(ctx, input);
      return { ApiDestinationArn: d.arn, ApiDestinationState: 'ACTIVE', CreationTime: d.createdAt, LastModifiedTime: d.modifiedAt };
    },
  },
  DescribeApiDestination: {
    checks: check,
    async run(input, ctx) {
      const name = str(input, 'Name');
      const d = await ctx.store.read((tx) => tx.events.getApiDestination(ctx.accountId, name));
      if (d === undefined) throw apiDestinationNotFound(name);
      return describe(d);
    },
  },
  ListApiDestinations: {
    checks: () => [{ resource: '*' }],
    async run(input, ctx) {
      const namePrefix = optStr(input, 'NamePrefix');
      const connectionArn = optStr(input, 'ConnectionArn');
      const page = await ctx.store.read((tx) =>
        tx.events.listApiDestinations({ accountId: ctx.accountId, ...pageOf(input), ...(namePrefix !== undefined && { namePrefix }) }),
      );
      const items = connectionArn === undefined ? page.items : page.items.filter((d) => d.connectionArn === connectionArn);
      return {
        ApiDestinations: items.map((d) => {
          const { Description: _description, ...summary } = describe(d);
          return summary;
        }),
        ...nextTokenOf(page.nextAfter),
      };
    },
  },
  DeleteApiDestination: {
    checks: check,
    async run(input, ctx) {
      const name = str(input, 'Name');
      await ctx.store.write(async (tx) => {
        if (!(await tx.events.deleteApiDestination(ctx.accountId, name))) throw apiDestinationNotFound(name);
      });
      return undefined;
    },
  },
};
