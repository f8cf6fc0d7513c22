// Fuzz support: one generated request for an operation, half of them valid per the model
// (drawn from the entity pools) and half broken by one mutation.

import fc from 'fast-check';
import { loadServiceModel, type ServiceName } from '../../../src/protocol/model/service-model.js';
import type { FuzzWorld } from './fuzz-fixtures.js';
import { mutate } from './fuzz-mutations.js';
import { validInput } from './fuzz-values.js';
import { encodeInput, type FuzzParam } from './fuzz-wire.js';

export interface FuzzCase {
  /** `valid`, or the mutation that broke it. */
  readonly kind: string;
  readonly params: readonly FuzzParam[];
}

export function caseArbitrary(world: FuzzWorld, service: ServiceName, action: string): fc.Arbitrary<FuzzCase> {
  const input = loadServiceModel(service).operations[action]?.input;
  const valid = validInput(world, service, action).map((value) => (input === undefined ? [] : encodeInput(service, input, value)));
  return fc.oneof(
    valid.map((params): FuzzCase => ({ kind: 'valid', params })),
    valid.chain((params) => mutate(service, action, params)),
  );
}

/** 0 reads, 1 creates and changes, 2 removals, 3 renames: the fixture's entities last as long as they can. */
function rank(action: string): number {
  if (/^(Get|List|Simulate|Generate)/.test(action)) return 0;
  if (/^(Delete|Detach|Remove|Untag|Deactivate|Disable|Reject)/.test(action)) return 2;
  if (/^Update(User|Group|ServerCertificate)$/.test(action)) return 3;
  return 1;
}

/** Every IAM and STS operation in the models, reads first and removals last. */
export function allOperations(): [ServiceName, string][] {
  const all = (['iam', 'sts'] as const).flatMap((service) =>
    Object.keys(loadServiceModel(service).operations).map((action): [ServiceName, string] => [service, action]),
  );
  return all.sort(([sa, a], [sb, b]) => rank(a) - rank(b) || (sa < sb ? -1 : sa > sb ? 1 : 0) || (a < b ? -1 : 1));
}
