// `keyward audit tail --filter`: parsing ATTRIBUTE=VALUE and matching stored events.

import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../storage/audit-repositories.js';
import { matchesFilter, parseFilter } from './audit-tail.js';

const event: AuditEvent = {
  partition: 'p',
  seq: 1,
  prevLink: '',
  link: '',
  eventId: 'e-1',
  accountId: '111122223333',
  eventTime: new Date(0),
  eventName: 'CreateUser',
  eventSource: 'iam.amazonaws.com',
  readOnly: false,
  username: 'root',
  accessKeyId: 'AKIAROOT',
  resources: [{ type: 'AWS::IAM::User', name: 'alice' }],
  record: '{}',
};

describe('tail filters', () => {
  it('parses attribute names case-insensitively and keeps = in values', () => {
    expect(parseFilter('username=a=b')).toEqual({ key: 'Username', value: 'a=b' });
    expect(typeof parseFilter('Colour=red')).toBe('string');
    expect(typeof parseFilter('EventName')).toBe('string');
  });

  it('matches each attribute against the event columns', () => {
    const hits: [string, boolean][] = [
      ['EventId=e-1', true],
      ['EventName=CreateUser', true],
      ['EventName=DeleteUser', false],
      ['ReadOnly=false', true],
      ['ReadOnly=true', false],
      ['Username=root', true],
      ['ResourceType=AWS::IAM::User', true],
      ['ResourceName=alice', true],
      ['ResourceName=bob', false],
      ['EventSource=sts.amazonaws.com', false],
      ['AccessKeyId=AKIAROOT', true],
    ];
    for (const [text, expected] of hits) {
      const filter = parseFilter(text);
      if (typeof filter === 'string') throw new Error(filter);
      expect([text, matchesFilter(event, filter)]).toEqual([text, expected]);
    }
  });
});
