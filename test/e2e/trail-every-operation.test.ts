// Every operation in the registry leaves exactly one record in the trail: called by name through
// the real SDK (the inputs of support/registry-inputs.ts), each call's request id must have one
// event, with its event name, the caller's identity type and CloudTrail's readOnly. And no secret
// any call sent or received (secret keys, session tokens, passwords, private keys, MFA seeds,
// federation tokens) appears anywhere in the stored trail. An operation added to the registry
// without an input fails here, so a new operation cannot go unrecorded unnoticed.

import { join } from 'node:path';
import * as cloudTrailSdk from '@aws-sdk/client-cloudtrail';
import * as iamSdk from '@aws-sdk/client-iam';
import * as stsSdk from '@aws-sdk/client-sts';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { implementedOperations } from '../../src/services/registry.js';
import { ROOT_KEY, startTestServer, type TestServer } from '../support/server.js';
import { createRegistryWorld, REGISTRY_INPUTS, type RegistryWorld } from './support/registry-inputs.js';

type Service = 'iam' | 'sts' | 'cloudtrail';
const SERVICES: readonly Service[] = ['iam', 'sts', 'cloudtrail'];
const SDK: Readonly<Record<Service, Readonly<Record<string, unknown>>>> = { iam: iamSdk, sts: stsSdk, cloudtrail: cloudTrailSdk };
/** Inputs for the services registry-inputs.ts does not cover. */
const MORE_INPUTS: Readonly<Record<string, () => object>> = {
  'cloudtrail:LookupEvents': () => ({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'CreateUser' }], MaxResults: 5 }),
};
const inputFor = (name: string): ((w: RegistryWorld) => object) | undefined => REGISTRY_INPUTS[name] ?? MORE_INPUTS[name];

/** CloudTrail's readOnly, written out independently of the server's read-only.ts. */
const STS_READS = new Set(['AssumeRole', 'AssumeRoleWithSAML', 'AssumeRoleWithWebIdentity', 'AssumeRoot', 'DecodeAuthorizationMessage', 'GetAccessKeyInfo', 'GetCallerIdentity']);
function expectedReadOnly(service: Service, action: string): boolean {
  if (service === 'sts') return STS_READS.has(action);
  if (service === 'iam') return /^(Get|List|Simulate|Generate)/.test(action);
  return /^(Get|List|Describe|Lookup)/.test(action);
}
/** Unsigned calls name no caller until they succeed; the identity CloudTrail gives them. */
const UNSIGNED: Readonly<Record<string, readonly string[]>> = {
  AssumeRoleWithWebIdentity: ['WebIdentityUser', 'Unknown'],
  AssumeRoleWithSAML: ['SAMLUser', 'Unknown'],
};

/** Members whose values are secrets, wherever they appear in an input or an output (values of 8+ characters are searched for). */
const SECRET_MEMBER = /^(SecretAccessKey|SessionToken|Password|NewPassword|OldPassword|PrivateKey|Base32StringSeed|QRCodePNG|ServicePassword|ServiceCredentialSecret|WebIdentityToken|SAMLAssertion|AuthenticationCode1|AuthenticationCode2|TokenCode|WebIdentityToken)$/;

function collectSecrets(value: unknown, into: Set<string>, member = ''): void {
  if (typeof value === 'string') {
    if (SECRET_MEMBER.test(member) && value.length >= 8) into.add(value);
  } else if (value instanceof Uint8Array) {
    if (SECRET_MEMBER.test(member) && value.length >= 6) {
      into.add(Buffer.from(value).toString('base64'));
      into.add(Buffer.from(value).toString('utf8'));
    }
  } else if (Array.isArray(value)) {
    for (const item of value) collectSecrets(item, into, member);
  } else if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
    for (const [k, v] of Object.entries(value)) collectSecrets(v, into, k);
  }
}

interface Call {
  readonly service: Service;
  readonly action: string;
  readonly requestId: string | undefined;
}

const secrets = new Set<string>([ROOT_KEY.secretAccessKey]);
const calls: Call[] = [];
type Sendable = { send(command: unknown): Promise<unknown>; middlewareStack: { add(mw: unknown, options: object): void } };

/** A client that records every input and output's secrets. */
function watched<T extends Sendable>(client: T): T {
  client.middlewareStack.add(
    (next: (args: { input: unknown }) => Promise<{ output: unknown }>) => async (args: { input: unknown }) => {
      collectSecrets(args.input, secrets);
      const result = await next(args);
      collectSecrets(result.output, secrets);
      return result;
    },
    { step: 'initialize', name: 'collectSecrets' },
  );
  return client;
}

let started: Promise<{ t: TestServer; world: RegistryWorld }> | undefined;
function setup(): Promise<{ t: TestServer; world: RegistryWorld }> {
  started ??= (async () => {
    const t = await startTestServer();
    const observed: TestServer = { ...t, server: t.server, dataDir: t.dataDir, iam: (c) => watched(t.iam(c) as unknown as Sendable) as never, sts: (c) => watched(t.sts(c) as unknown as Sendable) as never, stop: () => t.stop() };
    return { t: observed, world: await createRegistryWorld(observed) };
  })();
  return started;
}
afterAll(async () => {
  await (await started?.catch(() => undefined))?.t.stop();
});

function client(t: TestServer, service: Service): Sendable {
  if (service === 'iam') return t.iam() as unknown as Sendable;
  if (service === 'sts') return t.sts() as unknown as Sendable;
  const url = new URL(t.server.url);
  return watched(
    new cloudTrailSdk.CloudTrailClient({
      endpoint: { protocol: url.protocol, hostname: url.hostname, port: Number(url.port), path: '/' },
      region: 'us-east-1',
      credentials: ROOT_KEY,
      maxAttempts: 1,
    }) as unknown as Sendable,
  );
}

/** Reads first, then changes, then removals, so the world's entities last as long as they can. */
function rank(action: string): number {
  if (/^(Get|List|Simulate|Generate|Decode|Lookup)/.test(action)) return 0;
  if (/^(Delete|Detach|Remove|Untag|Deactivate|Disable|Reject)/.test(action)) return 2;
  return 1;
}
const OPERATIONS = SERVICES.flatMap((service) => implementedOperations(service).map((action): [Service, string] => [service, action])).sort(
  ([, a], [, b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0),
);

interface StoredRecord {
  eventName: string;
  eventSource: string;
  requestID: string;
  readOnly: boolean;
  userIdentity: { type: string };
}

describe('the trail records every operation once', () => {
  it('has an input for every registry operation of every service', () => {
    expect(OPERATIONS.length).toBeGreaterThan(150);
    expect(OPERATIONS.filter(([s, a]) => inputFor(`${s}:${a}`) === undefined).map(([s, a]) => `${s}:${a}`)).toEqual([]);
  });

  it('calls every operation, then finds exactly one right record per call and no secret anywhere', { timeout: 240_000 }, async () => {
    const { t, world } = await setup();
    for (const [service, action] of OPERATIONS) {
      const Command = SDK[service][`${action}Command`] as new (input: object) => unknown;
      const input = inputFor(`${service}:${action}`)!(world);
      const outcome = await client(t, service)
        .send(new Command(input))
        .then(
          (output) => (output as { $metadata: { requestId?: string } }).$metadata,
          (error: { $metadata?: { requestId?: string } }) => error.$metadata ?? {},
        );
      calls.push({ service, action, requestId: outcome.requestId });
    }
    await t.server.flushUsage();

    const db = new Database(join(t.dataDir, 'keyward.db'), { readonly: true });
    const texts = (db.prepare('SELECT record FROM audit_events').all() as { record: string }[]).map((r) => r.record);
    db.close();
    const byRequest = new Map<string, StoredRecord[]>();
    for (const text of texts) {
      const record = JSON.parse(text) as StoredRecord;
      byRequest.set(record.requestID, [...(byRequest.get(record.requestID) ?? []), record]);
    }

    const problems: string[] = [];
    for (const call of calls) {
      const name = `${call.service}:${call.action}`;
      if (call.requestId === undefined) {
        problems.push(`${name}: the answer had no request id`);
        continue;
      }
      const found = byRequest.get(call.requestId) ?? [];
      if (found.length !== 1) {
        problems.push(`${name}: ${found.length} records for request ${call.requestId}`);
        continue;
      }
      const record = found[0]!;
      if (record.eventName !== call.action) problems.push(`${name}: eventName ${record.eventName}`);
      if (record.eventSource !== `${call.service}.amazonaws.com`) problems.push(`${name}: eventSource ${record.eventSource}`);
      if (record.readOnly !== expectedReadOnly(call.service, call.action)) problems.push(`${name}: readOnly ${record.readOnly}`);
      const identities = UNSIGNED[call.action] ?? ['Root'];
      if (!identities.includes(record.userIdentity.type)) problems.push(`${name}: identity ${record.userIdentity.type}`);
    }
    expect(problems).toEqual([]);

    const trail = texts.join('\n');
    expect(secrets.size).toBeGreaterThan(10);
    expect([...secrets].filter((s) => trail.includes(s) || trail.includes(JSON.stringify(s).slice(1, -1)))).toEqual([]);
    // One-time MFA codes are six digits, too short to search for: their members must be absent.
    expect(['"authenticationCode1"', '"authenticationCode2"', '"tokenCode"'].filter((member) => trail.includes(member))).toEqual([]);
  });
});
