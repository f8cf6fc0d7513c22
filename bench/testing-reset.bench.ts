// How long keyward/testing's reset() takes after a typical test's writes: 20 users, each with
// an access key, an inline policy, an attached managed policy and a group. Run with
// `npx tsx bench/testing-reset.bench.ts` (ROUNDS=N to change the 30 rounds). Prints the
// median and worst reset, and the start time of a second server (the template is warm).

import { AddUserToGroupCommand, AttachUserPolicyCommand, CreateAccessKeyCommand, CreateGroupCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { startKeyward } from '../src/testing/index.js';

const ROUNDS = Number(process.env.ROUNDS ?? '30');
const USERS = 20;
const DOC = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

let started = process.hrtime.bigint();
const first = await startKeyward();
const coldStart = ms(started);
started = process.hrtime.bigint();
const keyward = await startKeyward();
const warmStart = ms(started);
await first.stop();
const iam = new IAMClient({ ...keyward.clientConfig, maxAttempts: 1 });
const resets: number[] = [];
for (let round = 0; round < ROUNDS; round += 1) {
  await iam.send(new CreateGroupCommand({ GroupName: 'team' }));
  for (let i = 0; i < USERS; i += 1) {
    const UserName = `user-${i}`;
    await iam.send(new CreateUserCommand({ UserName }));
    await iam.send(new CreateAccessKeyCommand({ UserName }));
    await iam.send(new PutUserPolicyCommand({ UserName, PolicyName: 'read', PolicyDocument: DOC }));
    await iam.send(new AttachUserPolicyCommand({ UserName, PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }));
    await iam.send(new AddUserToGroupCommand({ UserName, GroupName: 'team' }));
  }
  const start = process.hrtime.bigint();
  await keyward.reset();
  resets.push(ms(start));
}
await keyward.stop();
resets.sort((a, b) => a - b);
const median = resets[Math.floor(resets.length / 2)] ?? 0;
const worst = resets[resets.length - 1] ?? 0;
console.log(`startKeyward: first ${coldStart.toFixed(0)} ms (seeds the template), then ${warmStart.toFixed(0)} ms`);
console.log(`reset() after ${USERS} users with keys, policies and a group: median ${median.toFixed(2)} ms, worst ${worst.toFixed(2)} ms over ${ROUNDS} rounds`);
