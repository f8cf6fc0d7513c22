// The pattern language against the examples in EventBridge's user guide
// ("Content filtering in Amazon EventBridge event patterns", "Event patterns",
// "Arrays in event patterns", "Matching on null values and empty strings") and the
// root-activity rules AWS recommends.

import { describe, expect, it } from 'vitest';
import { compileEventPattern } from './compile.js';
import { matchesEvent } from './match.js';

const matches = (pattern: unknown, event: unknown): boolean => matchesEvent(compileEventPattern(JSON.stringify(pattern)), event);

const EC2_EVENT = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '111122223333',
  time: '2017-12-22T18:43:48Z',
  region: 'us-west-1',
  resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
  detail: { 'instance-id': 'i-1234567890abcdef0', state: 'terminated' },
};

describe('exact values, AND across fields, OR within a field', () => {
  it('matches the guide\'s source/detail-type/state example and refuses a different state', () => {
    const pattern = { source: ['aws.ec2'], 'detail-type': ['EC2 Instance State-change Notification'], detail: { state: ['terminated', 'stopped'] } };
    expect(matches(pattern, EC2_EVENT)).toBe(true);
    expect(matches(pattern, { ...EC2_EVENT, detail: { state: 'running' } })).toBe(false);
  });

  it('is case-sensitive and never normalises strings', () => {
    expect(matches({ source: ['AWS.EC2'] }, EC2_EVENT)).toBe(false);
    expect(matches({ source: ['aws.ec2 '] }, EC2_EVENT)).toBe(false);
  });

  it('needs every pattern field to be in the event', () => {
    expect(matches({ detail: { state: ['terminated'], missing: ['x'] } }, EC2_EVENT)).toBe(false);
  });

  it('keeps types apart: "true" is not true, "5" is not 5', () => {
    expect(matches({ a: ['true'] }, { a: true })).toBe(false);
    expect(matches({ a: [true] }, { a: true })).toBe(true);
    expect(matches({ a: [5] }, { a: '5' })).toBe(false);
    expect(matches({ a: [5] }, { a: 5 })).toBe(true);
  });
});

describe('arrays', () => {
  it('matches when the event array and the pattern array intersect (the guide\'s resources example)', () => {
    const event = {
      resources: [
        'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
        'arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f',
        'arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f',
      ],
    };
    expect(matches({ resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f', 'arn:aws:ec2:us-east-1:999999999999:instance/i-x'] }, event)).toBe(true);
    expect(matches({ resources: ['arn:aws:ec2:us-east-1:999999999999:instance/i-x'] }, event)).toBe(false);
  });

  it('matches a nested pattern within one element of an array of objects (array consistency)', () => {
    const event = { detail: { items: [{ kind: 'a', size: 1 }, { kind: 'b', size: 2 }] } };
    expect(matches({ detail: { items: { kind: ['b'], size: [2] } } }, event)).toBe(true);
    expect(matches({ detail: { items: { kind: ['a'], size: [2] } } }, event)).toBe(false);
  });
});

describe('null and empty values', () => {
  const event = { detail: { responseElements: null, lastName: '', firstName: 'Alice' } };
  it('[null] matches a null value but not a missing field', () => {
    expect(matches({ detail: { responseElements: [null] } }, event)).toBe(true);
    expect(matches({ detail: { nothere: [null] } }, event)).toBe(false);
  });
  it('[""] matches an empty string only', () => {
    expect(matches({ detail: { lastName: [''] } }, event)).toBe(true);
    expect(matches({ detail: { firstName: [''] } }, event)).toBe(false);
  });
});

describe('prefix and suffix', () => {
  it('prefix matches the start of a string value', () => {
    expect(matches({ time: [{ prefix: '2017-12-22' }] }, EC2_EVENT)).toBe(true);
    expect(matches({ time: [{ prefix: '2017-10-02' }] }, EC2_EVENT)).toBe(false);
  });
  it('prefix with equals-ignore-case ignores case ("EventB" matches eventbridge and EVENTBRIDGE)', () => {
    const p = { detail: { service: [{ prefix: { 'equals-ignore-case': 'EventB' } }] } };
    expect(matches(p, { detail: { service: 'eventbridge' } })).toBe(true);
    expect(matches(p, { detail: { service: 'EVENTBRIDGE' } })).toBe(true);
    expect(matches(p, { detail: { service: 'sqs' } })).toBe(false);
  });
  it('suffix matches the end; with equals-ignore-case .PNG too', () => {
    expect(matches({ FileName: [{ suffix: '.png' }] }, { FileName: 'photo.png' })).toBe(true);
    expect(matches({ FileName: [{ suffix: '.png' }] }, { FileName: 'photo.PNG' })).toBe(false);
    expect(matches({ detail: { FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] } }, { detail: { FileName: 'photo.PNG' } })).toBe(true);
  });
  it('applies to strings only', () => {
    expect(matches({ n: [{ prefix: '12' }] }, { n: 123 })).toBe(false);
  });
});

describe('anything-but', () => {
  it('a string, a number and lists of either', () => {
    expect(matches({ detail: { state: [{ 'anything-but': 'initializing' }] } }, { detail: { state: 'running' } })).toBe(true);
    expect(matches({ detail: { state: [{ 'anything-but': 'initializing' }] } }, { detail: { state: 'initializing' } })).toBe(false);
    expect(matches({ detail: { 'x-limit': [{ 'anything-but': 123 }] } }, { detail: { 'x-limit': 456 } })).toBe(true);
    expect(matches({ detail: { 'x-limit': [{ 'anything-but': 123 }] } }, { detail: { 'x-limit': 123 } })).toBe(false);
    expect(matches({ detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } }, { detail: { state: 'stopped' } })).toBe(false);
    expect(matches({ detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } }, { detail: { state: 'pending' } })).toBe(true);
    expect(matches({ detail: { 'x-limit': [{ 'anything-but': [100, 200, 300] }] } }, { detail: { 'x-limit': 200 } })).toBe(false);
    expect(matches({ detail: { 'x-limit': [{ 'anything-but': [100, 200, 300] }] } }, { detail: { 'x-limit': 250 } })).toBe(true);
  });
  it('does not match a missing field', () => {
    expect(matches({ detail: { state: [{ 'anything-but': 'initializing' }] } }, { detail: {} })).toBe(false);
  });
  it('with prefix, suffix, equals-ignore-case and wildcard', () => {
    expect(matches({ detail: { state: [{ 'anything-but': { prefix: 'init' } }] } }, { detail: { state: 'initializing' } })).toBe(false);
    expect(matches({ detail: { state: [{ 'anything-but': { prefix: 'init' } }] } }, { detail: { state: 'running' } })).toBe(true);
    expect(matches({ detail: { path: [{ 'anything-but': { suffix: '.txt' } }] } }, { detail: { path: '/notes.txt' } })).toBe(false);
    expect(matches({ detail: { path: [{ 'anything-but': { suffix: '.txt' } }] } }, { detail: { path: '/a.png' } })).toBe(true);
    const ic = { detail: { state: [{ 'anything-but': { 'equals-ignore-case': ['initializing', 'stopped'] } }] } };
    expect(matches(ic, { detail: { state: 'STOPPED' } })).toBe(false);
    expect(matches(ic, { detail: { state: 'Running' } })).toBe(true);
    const wc = { detail: { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] } };
    expect(matches(wc, { detail: { FilePath: '/usr/lib/x.so' } })).toBe(false);
    expect(matches(wc, { detail: { FilePath: '/usr/bin/x' } })).toBe(true);
  });
});

describe('numeric', () => {
  it('matches the guide\'s ranges and equality', () => {
    const pattern = {
      detail: {
        'c-count': [{ numeric: ['>', 0, '<=', 5] }],
        'd-count': [{ numeric: ['<', 10] }],
        'x-limit': [{ numeric: ['=', 3.018e2] }],
      },
    };
    expect(matches(pattern, { detail: { 'c-count': 5, 'd-count': 7, 'x-limit': 301.8 } })).toBe(true);
    expect(matches(pattern, { detail: { 'c-count': 0, 'd-count': 7, 'x-limit': 301.8 } })).toBe(false);
    expect(matches(pattern, { detail: { 'c-count': 5, 'd-count': 10, 'x-limit': 301.8 } })).toBe(false);
    expect(matches(pattern, { detail: { 'c-count': 5, 'd-count': 7, 'x-limit': '301.8' } })).toBe(false);
  });
});

describe('cidr', () => {
  it('matches IPv4 and IPv6 addresses in the range', () => {
    expect(matches({ detail: { sourceIPAddress: [{ cidr: '10.0.0.0/24' }] } }, { detail: { sourceIPAddress: '10.0.0.255' } })).toBe(true);
    expect(matches({ detail: { sourceIPAddress: [{ cidr: '10.0.0.0/24' }] } }, { detail: { sourceIPAddress: '10.0.1.1' } })).toBe(false);
    expect(matches({ sourceIPAddress: [{ cidr: 'bcde:6c90:a5b4::/48' }] }, { sourceIPAddress: 'bcde:6c90:a5b4:1::1' })).toBe(true);
    expect(matches({ sourceIPAddress: [{ cidr: 'bcde:6c90:a5b4::/48' }] }, { sourceIPAddress: 'bcde:6c90:a5b5::1' })).toBe(false);
  });
});

describe('exists', () => {
  it('true needs a value; false matches a missing field or one that leads to an object', () => {
    expect(matches({ detail: { state: [{ exists: true }] } }, EC2_EVENT)).toBe(true);
    expect(matches({ detail: { state: [{ exists: false }] } }, EC2_EVENT)).toBe(false);
    expect(matches({ detail: { 'c-count': [{ exists: false }] } }, EC2_EVENT)).toBe(true);
    expect(matches({ detail: [{ exists: false }] }, EC2_EVENT)).toBe(true);
    expect(matches({ detail: [{ exists: true }] }, EC2_EVENT)).toBe(false);
    expect(matches({ other: { state: [{ exists: false }] } }, EC2_EVENT)).toBe(true);
  });
});

describe('equals-ignore-case and wildcard', () => {
  it('equals-ignore-case', () => {
    expect(matches({ 'detail-type': [{ 'equals-ignore-case': 'ec2 instance state-change notification' }] }, EC2_EVENT)).toBe(true);
  });
  it('wildcard: * matches any run, \\* is a literal star', () => {
    const p = { EventBusArn: [{ wildcard: 'arn:aws:events:us-east-1:*:event-bus/*' }] };
    expect(matches(p, { EventBusArn: 'arn:aws:events:us-east-1:123456789012:event-bus/default' })).toBe(true);
    expect(matches(p, { EventBusArn: 'arn:aws:events:us-west-2:123456789012:event-bus/default' })).toBe(false);
    expect(matches({ a: [{ wildcard: 'a\\*b' }] }, { a: 'a*b' })).toBe(true);
    expect(matches({ a: [{ wildcard: 'a\\*b' }] }, { a: 'axb' })).toBe(false);
    expect(matches({ a: [{ wildcard: '*' }] }, { a: '' })).toBe(true);
  });
});

describe('$or', () => {
  it('matches when any branch matches, at any level', () => {
    const pattern = {
      detail: {
        $or: [
          { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] },
          { 'd-count': [{ numeric: ['<', 10] }] },
          { 'x-limit': [{ numeric: ['=', 3.018e2] }] },
        ],
      },
    };
    expect(matches(pattern, { detail: { 'x-limit': 301.8 } })).toBe(true);
    expect(matches(pattern, { detail: { 'c-count': 9, 'd-count': 12 } })).toBe(false);
    const top = { source: ['aws.cloudwatch'], $or: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { namespace: ['AWS/EC2', 'AWS/ES'] }] };
    expect(matches(top, { source: 'aws.cloudwatch', namespace: 'AWS/ES' })).toBe(true);
    expect(matches(top, { source: 'aws.ec2', namespace: 'AWS/ES' })).toBe(false);
  });
});

describe('the root-activity rules AWS recommends', () => {
  const envelope = (detailType: string, identityType: string): unknown => ({
    version: '0',
    id: 'bf05ae66-0000-4000-8000-000000000000',
    'detail-type': detailType,
    source: detailType.includes('Sign In') ? 'aws.signin' : 'aws.iam',
    account: '111122223333',
    time: '2026-12-07T12:00:00Z',
    region: 'us-east-1',
    resources: [],
    detail: { eventVersion: '1.11', userIdentity: { type: identityType, accountId: '111122223333' }, eventName: 'ConsoleLogin' },
  });
  it('the Knowledge Center console sign-in rule fires for Root only', () => {
    const rule = { 'detail-type': ['AWS Console Sign In via CloudTrail'], detail: { userIdentity: { type: ['Root'] } } };
    expect(matches(rule, envelope('AWS Console Sign In via CloudTrail', 'Root'))).toBe(true);
    expect(matches(rule, envelope('AWS Console Sign In via CloudTrail', 'IAMUser'))).toBe(false);
  });
  it('the API-and-console rule fires for a root API call', () => {
    const rule = { 'detail-type': ['AWS API Call via CloudTrail', 'AWS Console Sign In via CloudTrail'], detail: { userIdentity: { type: ['Root'] } } };
    expect(matches(rule, envelope('AWS API Call via CloudTrail', 'Root'))).toBe(true);
    expect(matches(rule, envelope('AWS API Call via CloudTrail', 'AssumedRole'))).toBe(false);
  });
});
