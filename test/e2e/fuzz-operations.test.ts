// Property-based fuzzing of every IAM and STS operation in the models against one real
// server: valid and broken inputs, signed as the root user, a narrow-policy IAM user and a
// role session, must never produce a 5xx (NotImplemented only for an action the registry lacks), a non-AWS body,
// an uncatalogued code or a leaked stack trace; and a failed mutation must change nothing.
// Explore with KEYWARD_FUZZ_SEED / KEYWARD_FUZZ_RUNS and KEYWARD_FUZZ_REPORT=<file> (collects
// findings and, in <file>.outcomes, every response's code and latency instead of failing).

import { appendFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT_KEY, useTestServer } from '../support/server.js';
import { allOperations, caseArbitrary, type FuzzCase } from './support/fuzz-cases.js';
import { createKeepWorld, failingWrites, KEEP_READS } from './support/fuzz-failing-writes.js';
import { createFuzzWorld, type FuzzWorld } from './support/fuzz-fixtures.js';
import { knownFailure } from './support/fuzz-known-failures.js';
import { parseErrorBody } from '../support/error-response.js';
import { judge, unimplementedActions } from './support/fuzz-response.js';
import { snapshotAccount } from './support/fuzz-snapshot.js';
import { callAction, describeParams } from './support/fuzz-wire.js';
import type { ServiceName } from '../../src/protocol/model/service-model.js';

const SEED = Number(process.env.KEYWARD_FUZZ_SEED ?? 0x6b657977);
/** Cases per operation, each sent three times (IAM user, role session, root): ~5,600 requests at 10, ~25 s. */
const RUNS = Number(process.env.KEYWARD_FUZZ_RUNS ?? 10);
/** Failing writes checked against a full account snapshot (~25 reads each). */
const STATE_RUNS = Number(process.env.KEYWARD_FUZZ_STATE_RUNS ?? 40);
/** When set, findings are appended to this file instead of failing (for exploring with more runs or seeds). */
const REPORT = process.env.KEYWARD_FUZZ_REPORT;

const t = useTestServer();
let world: FuzzWorld;
beforeAll(async () => {
  world = await createFuzzWorld(t);
}, 60_000);

const sentText = (params: FuzzCase['params']): string => params.map((p) => `${p.name}=${p.value}`).join('\n');

/** Sends one case as each caller; the problems found, one line each with a reproducer. */
async function exercise(service: ServiceName, action: string, c: FuzzCase): Promise<string[]> {
  if (knownFailure(service, action, c.params) !== undefined) return [];
  const found: string[] = [];
  const sent = sentText(c.params);
  for (const [who, credentials] of [['iam-user', world.caller], ['role-session', world.roleSession], ['root', ROOT_KEY]] as const) {
    const started = performance.now();
    const res = await callAction(t.server.url, credentials, service, action, c.params);
    const ms = performance.now() - started;
    const verdict = judge(service, action, res, sent);
    if (REPORT !== undefined) {
      const message = (parseErrorBody(res.text)?.message ?? '').replace(/\s+/g, ' ');
      const line = [`${service}:${action}`, who, res.status, verdict.outcome, Math.round(ms), c.kind, message].join('\t');
      appendFileSync(`${REPORT}.outcomes`, `${line}\n`);
    }
    if (verdict.problems.length > 0) {
      found.push(`${who} ${service}:${action} [${c.kind}] ${describeParams(c.params)}\n  -> ${res.status} ${verdict.problems.join('; ')}`);
    }
  }
  return found;
}

describe('the fuzz oracle', () => {
  it('allows NotImplemented for no action: the registry implements every modeled one', () => {
    expect([...unimplementedActions()]).toEqual([]);
  });

  const response = (status: number, text: string): Parameters<typeof judge>[2] => ({
    status,
    text,
    headers: new Headers({ 'content-type': 'text/xml', 'x-amzn-requestid': 'r' }),
  });
  const error = (code: string, message: string, type = 'Sender'): string =>
    `<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>${type}</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>r</RequestId></ErrorResponse>`;

  it('accepts AWS-shaped answers and rejects 5xx, unknown codes, stack traces and non-AWS bodies', () => {
    expect(judge('iam', 'GetUser', response(404, error('NoSuchEntity', 'The user with name x cannot be found.')), '').problems).toEqual([]);
    const stsNotImplemented = response(501, error('NotImplemented', 'no', 'Receiver').replace('iam.amazonaws.com/doc/2010-05-08', 'sts.amazonaws.com/doc/2011-06-15'));
    expect(judge('sts', 'AssumeRoot', stsNotImplemented, '', new Set(['sts:AssumeRoot'])).problems).toEqual([]);
    expect(judge('sts', 'AssumeRoot', stsNotImplemented, '').problems).not.toEqual([]);
    expect(judge('iam', 'GetUser', response(501, error('NotImplemented', 'no', 'Receiver')), '').problems).not.toEqual([]);
    expect(judge('iam', 'GetUser', response(500, error('InternalFailure', 'We encountered an internal error.', 'Receiver')), '').problems).not.toEqual([]);
    expect(judge('iam', 'GetUser', response(400, error('Oops', 'x')), '').problems).not.toEqual([]);
    expect(judge('iam', 'GetUser', response(404, error('NoSuchEntity', 'x\n    at run (/work/main/src/a.ts:1:2)')), '').problems).not.toEqual([]);
    expect(judge('iam', 'GetUser', response(200, '<html>ok</html>'), '').problems).not.toEqual([]);
    expect(judge('iam', 'GetUser', response(404, error('NoSuchEntity', 'The user with name undefined cannot be found.')), '').problems).not.toEqual([]);
  });
});

// On a server of its own: the operation fuzzing below changes account-wide state (the
// password policy, for one) that would let some of these writes succeed.
describe('a failed mutating request changes nothing', () => {
  const keep = useTestServer();
  let keepCaller: FuzzWorld['caller'];
  beforeAll(async () => {
    keepCaller = (await createFuzzWorld(keep)).caller;
    await createKeepWorld(keep);
  }, 60_000);

  it('leaves authorization details, entity lists and the targets exactly as they were', async () => {
    let before = await snapshotAccount(keep.server.url, KEEP_READS);
    await fc.assert(
      fc.asyncProperty(failingWrites, async (w) => {
        if (knownFailure('iam', w.action, w.params) !== undefined) return;
        const credentials = w.who === 'root' ? ROOT_KEY : keepCaller;
        const res = await callAction(keep.server.url, credentials, 'iam', w.action, w.params);
        const what = `${w.who} iam:${w.action} ${describeParams(w.params)} -> ${res.status} ${res.text.slice(0, 300)}`;
        expect(res.status >= 400 && res.status < 500, what).toBe(true);
        expect(judge('iam', w.action, res, sentText(w.params)).problems, what).toEqual([]);
        const after = await snapshotAccount(keep.server.url, KEEP_READS);
        expect(after, what).toEqual(before);
        before = after;
      }),
      // No shrinking: a failure has already changed the state every later run would compare with.
      { seed: SEED, numRuns: STATE_RUNS, endOnFailure: true },
    );
  }, 60_000);
});

describe('every modeled operation answers any input as AWS would, never with a 5xx', () => {
  for (const [service, action] of allOperations()) {
    it(`${service}:${action}`, async () => {
      await fc.assert(
        fc.asyncProperty(caseArbitrary(world, service, action), async (c) => {
          const found = await exercise(service, action, c);
          if (REPORT !== undefined) {
            for (const f of found) appendFileSync(REPORT, `${f}\n`);
            return;
          }
          expect(found).toEqual([]);
        }),
        { seed: SEED, numRuns: RUNS },
      );
    });
  }
});
