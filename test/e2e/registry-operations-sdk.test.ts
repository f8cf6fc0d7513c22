// Every operation in the registry, called by name through the real AWS SDK: its
// `${Action}Command` must exist in @aws-sdk/client-iam or -sts, and with a minimal valid input
// (support/registry-inputs.ts) the server must answer a success or an AWS error the models or
// the error catalogue know, with a 4xx status: never NotImplemented, a 5xx or a body the SDK
// cannot read.

import * as iamSdk from '@aws-sdk/client-iam';
import * as stsSdk from '@aws-sdk/client-sts';
import { afterAll, describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE } from '../../src/protocol/errors.js';
import { loadServiceModel, type ServiceName } from '../../src/protocol/model/service-model.js';
import { implementedOperations } from '../../src/services/registry.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { createRegistryWorld, REGISTRY_INPUTS, type RegistryWorld } from './support/registry-inputs.js';

// Set up inside the first test that needs it, not in beforeAll: a failed hook would report
// every operation as skipped.
let started: Promise<{ t: TestServer; world: RegistryWorld }> | undefined;
function setup(): Promise<{ t: TestServer; world: RegistryWorld }> {
  started ??= (async () => {
    const t = await startTestServer();
    return { t, world: await createRegistryWorld(t) };
  })();
  return started;
}
afterAll(async () => {
  await (await started?.catch(() => undefined))?.t.stop();
});

/** 0 reads, 1 creates and changes, 2 removals: the world's entities last as long as they can. */
function rank(action: string): number {
  if (/^(Get|List|Simulate|Generate|Decode)/.test(action)) return 0;
  if (/^(Delete|Detach|Remove|Untag|Deactivate|Disable|Reject)/.test(action)) return 2;
  return 1;
}

const OPERATIONS = (['iam', 'sts'] as const)
  .flatMap((service) => implementedOperations(service).map((action): [ServiceName, string] => [service, action]))
  .sort(([, a], [, b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));

/** Error names the SDK may report for a modelled AWS error: exception shape names and codes, and the catalogue's codes. */
function knownErrorNames(service: ServiceName): Set<string> {
  const names = new Set<string>(Object.keys(ERROR_CATALOGUE));
  for (const [name, shape] of Object.entries(loadServiceModel(service).shapes)) {
    if (shape.type !== 'structure' || shape.exception !== true) continue;
    names.add(name);
    if (shape.error !== undefined) names.add(shape.error.code);
  }
  names.delete('NotImplemented');
  return names;
}
const KNOWN = { iam: knownErrorNames('iam'), sts: knownErrorNames('sts') };

type Sendable = { send(command: unknown): Promise<unknown> };
const SDK: Readonly<Record<ServiceName, Readonly<Record<string, unknown>>>> = { iam: iamSdk, sts: stsSdk };

describe('every registry operation through the AWS SDK', () => {
  it('has an SDK command and an input for each operation, and no input for an operation it lacks', () => {
    const names = OPERATIONS.map(([service, action]) => `${service}:${action}`);
    expect(names.length).toBeGreaterThan(150);
    expect(names.filter((name) => REGISTRY_INPUTS[name] === undefined)).toEqual([]);
    expect(Object.keys(REGISTRY_INPUTS).filter((name) => !names.includes(name))).toEqual([]);
    expect(OPERATIONS.filter(([service, action]) => typeof SDK[service][`${action}Command`] !== 'function').map(([s, a]) => `${s}:${a}`)).toEqual([]);
  });

  for (const [service, action] of OPERATIONS) {
    it(`${service}:${action}`, async () => {
      const Command = SDK[service][`${action}Command`] as (new (input: object) => unknown) | undefined;
      expect(Command, `@aws-sdk/client-${service} has no ${action}Command`).toBeTypeOf('function');
      const input = REGISTRY_INPUTS[`${service}:${action}`];
      expect(input, `no input for ${service}:${action} in support/registry-inputs.ts`).toBeDefined();
      const { t, world } = await setup();
      const client = (service === 'iam' ? t.iam() : t.sts()) as unknown as Sendable;
      const outcome = await client.send(new Command!(input!(world))).then(
        (output) => ({ ok: true as const, output }),
        (error: unknown) => ({ ok: false as const, error: error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } } }),
      );
      if (outcome.ok) {
        expect(outcome.output).toMatchObject({ $metadata: { httpStatusCode: 200, requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) } });
        return;
      }
      const { name, message, $metadata } = outcome.error;
      const what = `${name ?? '?'}: ${message ?? ''}`;
      expect(name, what).not.toBe('NotImplemented');
      expect(KNOWN[service].has(name ?? ''), `not a modelled AWS error: ${what}`).toBe(true);
      expect($metadata?.httpStatusCode, what).toBeGreaterThanOrEqual(400);
      expect($metadata?.httpStatusCode, what).toBeLessThan(500);
    });
  }
});
