import { describe, expect, it } from 'vitest';
import { buildReport, entityDetails, parseStoredReport, wireService } from './report.js';
import type { ReportEntity } from './target.js';

const A = 'arn:aws:iam::111122223333:user/a';
const B = 'arn:aws:iam::111122223333:user/b';
const C = 'arn:aws:iam::111122223333:user/c';
const entity = (arn: string): ReportEntity => ({ type: 'USER', arn, name: arn.slice(-1), id: `AIDA${arn.slice(-1).toUpperCase()}EXAMPLE0000000`, path: '/' });
const at = (minute: number): Date => new Date(Date.UTC(2024, 0, 1, 0, minute));
const access = (arn: string, minute: number, region = 'us-east-1') => ({
  lastAccessed: at(minute),
  principalArn: arn,
  lastAuthenticatedEntity: arn,
  region,
});

const report = buildReport({
  allowed: [
    { namespace: 'iam', name: 'AWS Identity and Access Management (IAM)' },
    { namespace: 's3', name: 'Amazon S3' },
  ],
  trackedActions: new Map([['iam', ['GetUser', 'ListUsers']]]),
  access: {
    services: [
      { serviceNamespace: 'iam', totalAuthenticatedEntities: 2, ...access(B, 9, 'eu-west-1') },
      // Attempts on a service no policy allows are not reported.
      { serviceNamespace: 'ec2', totalAuthenticatedEntities: 1, ...access(A, 3) },
    ],
    byPrincipal: new Map([['iam', [access(A, 5), access(B, 9, 'eu-west-1')]]]),
    byAction: new Map([['iam', [{ actionName: 'GetUser', ...access(B, 9, 'eu-west-1') }]]]),
  },
  entities: [entity(C), entity(B), entity(A)],
});

describe('service last accessed reports', () => {
  it('lists allowed services only, with the newest attempt and the number of entities', () => {
    const stored = parseStoredReport(JSON.stringify(report));
    expect(stored.services.map((s) => s.namespace)).toEqual(['iam', 's3']);
    expect(wireService(stored.services[0]!, 'SERVICE_LEVEL')).toEqual({
      ServiceName: 'AWS Identity and Access Management (IAM)',
      LastAuthenticated: at(9),
      ServiceNamespace: 'iam',
      LastAuthenticatedEntity: B,
      LastAuthenticatedRegion: 'eu-west-1',
      TotalAuthenticatedEntities: 2,
    });
    expect(wireService(stored.services[1]!, 'ACTION_LEVEL')).toEqual({ ServiceName: 'Amazon S3', ServiceNamespace: 's3', TotalAuthenticatedEntities: 0 });
  });

  it('lists every allowed tracked action at ACTION_LEVEL, with details only for attempted ones', () => {
    expect(wireService(report.services[0]!, 'ACTION_LEVEL').TrackedActionsLastAccessed).toEqual([
      { ActionName: 'GetUser', LastAccessedEntity: B, LastAccessedTime: at(9), LastAccessedRegion: 'eu-west-1' },
      { ActionName: 'ListUsers' },
    ]);
  });

  it('lists every covered entity per service, newest attempt first, then the others by ARN', () => {
    expect(entityDetails(report, 'IAM').map((e) => [e.arn, e.wire.LastAuthenticated])).toEqual([
      [B, at(9)],
      [A, at(5)],
      [C, undefined],
    ]);
    expect(entityDetails(report, 's3').map((e) => e.arn)).toEqual([A, B, C]);
  });
});
