// The `connected PRINCIPAL` query preset on the hand-written test accounts: what a principal
// can become over escalation edges, what can become it, and the edges, exactly.

import { describe, expect, it } from 'vitest';
import { analyze, answerQuery, parseQuery, type QueryAnswer } from '../../src/analysis/index.js';
import { ACCOUNTS_DIR, loadAccounts } from './load-accounts.js';

const A = '111111111111';
const user = (name: string) => `arn:aws:iam::${A}:user/${name}`;
const role = (name: string) => `arn:aws:iam::${A}:role/${name}`;
const NOW = new Date('2026-06-01T00:00:00Z');
const { graph } = analyze(loadAccounts([`${ACCOUNTS_DIR}techniques-${A}.json`, `${ACCOUNTS_DIR}cross-222222222222.json`]), { now: NOW });

function ask(principal: string): { reaches: readonly string[]; reachedBy: readonly string[]; edges: string[][] } {
  const parsed = parseQuery(`connected ${principal}`);
  if (!parsed.ok) throw new Error(parsed.message);
  const answer: QueryAnswer = answerQuery(graph, parsed.query);
  if (answer.kind !== 'connected') throw new Error(JSON.stringify(answer));
  expect(answer.principal).toBe(principal);
  return { reaches: answer.reaches, reachedBy: answer.reachedBy, edges: answer.edges.map((e) => [e.from, e.to, e.technique]) };
}

const PASSERS = [
  ['att-apprunner', 'apprunner-service'], ['att-autoscaling', 'autoscaling-launch'], ['att-cfn-change-set', 'cloudformation-change-set'],
  ['att-cfn-stack', 'cloudformation-stack'], ['att-cfn-stack-set', 'cloudformation-stack-set'], ['att-codebuild', 'codebuild-project'],
  ['att-datapipeline', 'datapipeline'], ['att-ec2', 'ec2-instance-profile'], ['att-ecs', 'ecs-task'], ['att-glue-dev-endpoint', 'glue-dev-endpoint'],
  ['att-glue-job', 'glue-job'], ['att-lambda-create', 'lambda-create-function'], ['att-lambda-update', 'lambda-update-function'],
  ['att-sagemaker-notebook', 'sagemaker-notebook'], ['att-sagemaker-processing', 'sagemaker-processing-job'],
  ['att-sagemaker-training', 'sagemaker-training-job'], ['att-ssm', 'ssm-instance'], ['att-update-trust', 'update-assume-role-policy'],
] as const;

describe("query 'connected PRINCIPAL'", () => {
  it('follows the edges out of a principal, hop by hop, to the admin', () => {
    expect(ask(user('hop-user'))).toEqual({
      reaches: [role('hop-role'), user('admin-user')],
      reachedBy: [],
      edges: [[user('hop-user'), role('hop-role'), 'assume-role'], [role('hop-role'), user('admin-user'), 'create-access-key']],
    });
  });

  it('in the middle of a path: what it reaches and what reaches it', () => {
    expect(ask(role('hop-role'))).toEqual({
      reaches: [user('admin-user')],
      reachedBy: [user('hop-user')],
      edges: [[user('hop-user'), role('hop-role'), 'assume-role'], [role('hop-role'), user('admin-user'), 'create-access-key']],
    });
  });

  it('an admin: every principal that can become it, with the technique', () => {
    expect(ask(role('admin-role'))).toEqual({
      reaches: [],
      reachedBy: PASSERS.map(([name]) => user(name)),
      edges: PASSERS.map(([name, technique]) => [user(name), role('admin-role'), technique]),
    });
  });

  it('a principal that makes itself an admin is connected to itself', () => {
    const self = user('att-put-own-policy');
    expect(ask(self)).toEqual({ reaches: [self], reachedBy: [self], edges: [[self, self, 'put-own-policy']] });
  });

  it('a decoy is connected to nothing; an unknown principal is an error', () => {
    expect(ask(user('decoy-readonly'))).toEqual({ reaches: [], reachedBy: [], edges: [] });
    expect(answerQuery(graph, { kind: 'connected', principal: user('nobody') })).toEqual({ kind: 'error', message: `no user or role ${user('nobody')} in the input` });
  });
});
