// The envelope EventBridge delivers for trail records, which rules receive them, and
// AWS's root-use rule matching a root API call once it is wrapped.

import { describe, expect, it } from 'vitest';
import { buildApiCallRecord } from '../record/build-record.js';
import type { CloudTrailRecord } from '../record/cloudtrail-record.js';
import { loadServiceModel } from '../../protocol/model/service-model.js';
import { compileEventPattern } from './pattern/compile.js';
import { matchesEvent } from './pattern/match.js';
import { envelopeFor, ruleReceives } from './envelope.js';
import { signWebhook, verifyWebhook } from './webhook-signature.js';

const ROOT = { type: 'Root' as const, principalId: '111122223333', arn: 'arn:aws:iam::111122223333:root', accountId: '111122223333', accessKeyId: 'AKIAROOT' };

function record(action: string, over: Partial<CloudTrailRecord> = {}): CloudTrailRecord {
  const built = buildApiCallRecord(loadServiceModel('iam'), {
    service: 'iam', action, identity: ROOT, recipientAccountId: '111122223333', time: new Date(Date.UTC(2026, 11, 7)), region: 'us-east-1',
    sourceIp: '192.0.2.1', requestId: 'r', eventId: 'e', input: { UserName: 'bob' },
  });
  return { ...built, ...over };
}

describe('envelopeFor', () => {
  it('wraps an API call as EventBridge does', () => {
    const event = envelopeFor(record('CreateUser'), 'id-1');
    expect(event).toMatchObject({
      version: '0', id: 'id-1', 'detail-type': 'AWS API Call via CloudTrail', source: 'aws.iam', account: '111122223333',
      time: '2026-12-07T00:00:00Z', region: 'us-east-1', resources: [],
    });
    expect(event.detail.eventName).toBe('CreateUser');
  });

  it('wraps a console sign-in with the sign-in detail type', () => {
    const event = envelopeFor(record('ConsoleLogin', { eventType: 'AwsConsoleSignIn', eventSource: 'signin.amazonaws.com' }), 'id-2');
    expect(event['detail-type']).toBe('AWS Console Sign In via CloudTrail');
    expect(event.source).toBe('aws.signin');
  });

  it('matches AWS\'s root-activity rule once wrapped', () => {
    const rule = compileEventPattern(JSON.stringify({ 'detail-type': ['AWS API Call via CloudTrail', 'AWS Console Sign In via CloudTrail'], detail: { userIdentity: { type: ['Root'] } } }));
    expect(matchesEvent(rule, JSON.parse(JSON.stringify(envelopeFor(record('CreateUser'), 'x'))))).toBe(true);
  });
});

describe('ruleReceives', () => {
  it('gives ENABLED rules writes and sign-ins but not read-only calls', () => {
    expect(ruleReceives('ENABLED', record('CreateUser'))).toBe(true);
    expect(ruleReceives('ENABLED', record('GetUser'))).toBe(false);
    expect(ruleReceives('ENABLED', record('ConsoleLogin', { eventType: 'AwsConsoleSignIn', readOnly: false }))).toBe(true);
    expect(ruleReceives('ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS', record('GetUser'))).toBe(true);
    expect(ruleReceives('DISABLED', record('CreateUser'))).toBe(false);
  });
});

describe('webhook signatures', () => {
  it('verify with the right secret and time, and fail otherwise', () => {
    const body = '{"detail":{}}';
    const header = signWebhook('s3cret', body, 1_700_000_000);
    expect(verifyWebhook('s3cret', body, header, 1_700_000_100)).toBe(true);
    expect(verifyWebhook('wrong', body, header, 1_700_000_100)).toBe(false);
    expect(verifyWebhook('s3cret', `${body} `, header, 1_700_000_100)).toBe(false);
    expect(verifyWebhook('s3cret', body, header, 1_700_001_000)).toBe(false);
    expect(verifyWebhook('s3cret', body, 'garbage', 1_700_000_100)).toBe(false);
  });
});
