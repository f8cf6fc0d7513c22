// A minimal signed IAM Query client over fetch, and the benchmark's fixture: 1,000 users and
// an IAM user whose permissions come from an attached customer managed policy.

import { queryBody, querySigner, type Credentials } from './server-sign.js';

export interface IamClient {
  /** Sends one signed call; throws with the response body unless the status is 2xx. */
  call(action: string, params?: Readonly<Record<string, string>>): Promise<string>;
}

export function iamClient(url: string, credentials: Credentials): IamClient {
  const host = new URL(url).host;
  const sign = querySigner({ credentials, host });
  return {
    async call(action, params = {}) {
      const body = queryBody(action, params);
      const { host: _host, ...headers } = sign(body);
      const res = await fetch(`${url}/`, { method: 'POST', headers, body });
      const text = await res.text();
      if (!res.ok) throw new Error(`${action} -> ${res.status}: ${text.slice(0, 300)}`);
      return text;
    },
  };
}

/** The text of the first `<tag>` element, or throws. */
export function xmlText(xml: string, tag: string): string {
  const m = xml.match(new RegExp(`<${tag}>([^<]*)</${tag}>`));
  if (!m) throw new Error(`no <${tag}> in ${xml.slice(0, 300)}`);
  return m[1]!;
}

/** Runs `task(0..count-1)` with at most `width` in flight. */
export async function inParallel(count: number, width: number, task: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(width, count) }, lane));
}

export const SEED_USERS = 1000;
export const seedUserName = (i: number): string => `user-${String(i).padStart(4, '0')}`;
export const CALLER_NAME = 'bench-caller';

/** What the IAM caller may do: the benchmark's reads and CreateUser, nothing else. */
export const CALLER_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'Read', Effect: 'Allow', Action: ['iam:GetUser', 'iam:ListUsers'], Resource: '*' },
    { Sid: 'Create', Effect: 'Allow', Action: 'iam:CreateUser', Resource: 'arn:aws:iam::*:user/bench/*' },
    { Sid: 'NoDelete', Effect: 'Deny', Action: 'iam:DeleteUser', Resource: '*' },
  ],
});

/** Creates the 1,000 users and the IAM caller (policy attached, one access key); returns its key. */
export async function seed(root: IamClient): Promise<Credentials> {
  await inParallel(SEED_USERS, 8, (i) => root.call('CreateUser', { UserName: seedUserName(i) }));
  await root.call('CreateUser', { UserName: CALLER_NAME });
  const policy = await root.call('CreatePolicy', { PolicyName: 'bench-caller-policy', PolicyDocument: CALLER_POLICY });
  await root.call('AttachUserPolicy', { UserName: CALLER_NAME, PolicyArn: xmlText(policy, 'Arn') });
  const key = await root.call('CreateAccessKey', { UserName: CALLER_NAME });
  return { accessKeyId: xmlText(key, 'AccessKeyId'), secretAccessKey: xmlText(key, 'SecretAccessKey') };
}
