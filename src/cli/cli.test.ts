// The keyward command in-process: simulate and lint read files and print decisions.

import { describe, expect, it } from 'vitest';
import { main } from './main.js';
import { fakeIo } from './fake-io.case.js';

const HOME = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'Home', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/${aws:username}/*', Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } },
    { Sid: 'NoDelete', Effect: 'Deny', Action: 's3:Delete*', Resource: '*' },
  ],
});

describe('keyward simulate', () => {
  it('allows with the deciding statement and exit code 0', async () => {
    const io = fakeIo({ 'p.json': HOME });
    const code = await main(
      ['simulate', '--policy', 'p.json', '--action', 's3:GetObject', '--resource', 'arn:aws:s3:::bucket/alice/x',
        '--principal', 'arn:aws:iam::123456789012:user/alice', '--context', 'aws:SourceIp=10.2.3.4'],
      io,
    );
    expect(code).toBe(0);
    expect(io.stdout.join('\n')).toContain('decision: Allow');
    expect(io.stdout.join('\n')).toContain('decided by: identity p.json statement 0 (Home) Allow');
  });

  it('explains an implicit deny with the failed condition and exit code 3', async () => {
    const io = fakeIo({ 'p.json': HOME });
    const code = await main(['simulate', '--policy', 'p.json', '--action', 's3:GetObject', '--resource', 'arn:aws:s3:::bucket/simulated/x'], io);
    expect(code).toBe(3);
    const out = io.stdout.join('\n');
    expect(out).toContain('decision: ImplicitDeny (identity policy)');
    expect(out).toContain('condition IpAddress aws:SourceIp ["10.0.0.0/8"] not met (request: missing)');
  });

  it('reports an explicit deny as JSON with the boundary and matched statements', async () => {
    const io = fakeIo({ 'p.json': HOME });
    const code = await main(['simulate', '--policy', 'p.json', '--action', 's3:DeleteObject', '--resource', 'arn:aws:s3:::bucket/x', '--json'], io);
    expect(code).toBe(3);
    const result = JSON.parse(io.stdout.join('\n')) as { decision: string; matched: { sid: string }[] };
    expect(result.decision).toBe('ExplicitDeny');
    expect(result.matched.map((m) => m.sid)).toEqual(['NoDelete']);
  });

  it('refuses a malformed policy with its JSON path', async () => {
    const io = fakeIo({ 'bad.json': '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3","Resource":"*"}}' });
    const code = await main(['simulate', '--policy', 'bad.json', '--action', 's3:GetObject'], io);
    expect(code).toBe(2);
    expect(io.stderr.join('\n')).toContain('bad.json: Statement.Action:');
  });
});

describe('keyward lint', () => {
  it('prints ok with the size for a valid policy and problems with paths for a bad one', async () => {
    const io = fakeIo({ 'ok.json': HOME, 'bad.json': '{"Statement":[{"Effect":"Allow","Action":"s3:GetObject"}]}' });
    expect(await main(['lint', 'ok.json'], io)).toBe(0);
    expect(io.stdout[0]).toMatch(/^ok\.json: ok \(\d+ characters\)$/);
    expect(await main(['lint', 'bad.json'], io)).toBe(1);
    expect(io.stdout.at(-1)).toContain('bad.json: Statement[0]');
  });

  it('lists the commands with --help', async () => {
    const io = fakeIo({});
    expect(await main(['--help'], io)).toBe(0);
    expect(io.stdout.join('\n')).toMatch(/simulate[\s\S]*lint[\s\S]*serve|serve[\s\S]*simulate/);
  });
});
