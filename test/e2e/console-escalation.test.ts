// The console's escalation analysis reads each user's access keys and login profile, as
// `keyward analyze --endpoint-url` does: a target with two keys is reached by deleting one and
// creating another (not by a plain CreateAccessKey, which AWS would refuse), one with a console
// password by changing it (not by creating one). A signed-in principal that may not read them
// still gets the analysis, with those credentials unknown.

import { CreateAccessKeyCommand, CreateLoginProfileCommand, CreateUserCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleClient } from '../support/console-client.js';
import { ACCOUNT_ID } from '../support/server.js';
import { policy, startStsNode, statement, userArnOf, type StsNode } from '../support/sts-fixtures.js';

const PASSWORD = 'Correct-Horse-Battery-1';
let t: StsNode;

interface Step {
  from: string;
  to: string;
  technique: string;
  alternatives: string[];
}
interface View {
  paths: { source: string; target: string; steps: Step[] }[];
}

beforeAll(async () => {
  t = await startStsNode();
  const iam = t.iam();
  const user = async (name: string, doc: string): Promise<void> => {
    await iam.send(new CreateUserCommand({ UserName: name }));
    await iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'p', PolicyDocument: doc }));
  };
  await user('admin', policy(statement('Allow', '*')));
  await iam.send(new CreateAccessKeyCommand({ UserName: 'admin' }));
  await iam.send(new CreateAccessKeyCommand({ UserName: 'admin' }));
  await iam.send(new CreateLoginProfileCommand({ UserName: 'admin', Password: PASSWORD }));
  const credentialActions = ['iam:CreateAccessKey', 'iam:DeleteAccessKey', 'iam:CreateLoginProfile', 'iam:UpdateLoginProfile'];
  await user('attacker', policy(statement('Allow', credentialActions, userArnOf('admin'))));
  // Reads the account's policies, but not anyone's keys or profile.
  await user('auditor', policy(statement('Allow', 'iam:GetAccountAuthorizationDetails')));
  await iam.send(new CreateLoginProfileCommand({ UserName: 'auditor', Password: PASSWORD }));
  await iam.send(new CreateLoginProfileCommand({ Password: PASSWORD }));
}, 60_000);
afterAll(async () => {
  await t?.stop();
});

async function analysisAs(userName?: string): Promise<View> {
  const browser = new ConsoleClient(t.node.url);
  expect((await browser.signIn(ACCOUNT_ID, PASSWORD, userName)).status).toBe(200);
  const res = await browser.request<View>('POST', '/console/api/insights/analysis', {});
  expect(res.status).toBe(200);
  return res.body;
}

/** The techniques of the one-step paths from attacker to admin. */
function techniques(view: View): string[] {
  const steps = view.paths.filter((p) => p.source === userArnOf('attacker') && p.target === userArnOf('admin') && p.steps.length === 1).map((p) => p.steps[0]!);
  return steps.flatMap((s) => [s.technique, ...s.alternatives]).sort();
}

describe('console escalation analysis with credentials', { timeout: 60_000 }, () => {
  it("uses the target's two access keys and existing console password", async () => {
    expect(techniques(await analysisAs())).toEqual(['delete-then-create-access-key', 'update-login-profile']);
  });

  it("keeps a user's credentials unknown when the signed-in principal may not read them", async () => {
    // Unknown: each technique might apply, except the one that needs two keys known.
    expect(techniques(await analysisAs('auditor'))).toEqual(['create-access-key', 'create-login-profile', 'update-login-profile']);
  });
});
