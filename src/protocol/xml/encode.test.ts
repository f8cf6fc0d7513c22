import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IamError } from '../errors.js';
import { loadServiceModel } from '../model/service-model.js';
import { testModel } from '../model/test-model.case.js';
import { encodeError, encodeResult, formatTimestamp } from './encode.js';

const iam = loadServiceModel('iam');
const sts = loadServiceModel('sts');
const RID = '7a62c49f-347e-4fc4-9331-6e8eEXAMPLE';

describe('encodeResult', () => {
  it('lays out a result as AWS does, members in model order', () => {
    const xml = encodeResult(
      iam,
      'GetUser',
      {
        User: {
          UserId: 'AIDACKCEVSQ6C2EXAMPLE',
          Path: '/division_abc/',
          UserName: 'Bob',
          Arn: 'arn:aws:iam::123456789012:user/division_abc/Bob',
          CreateDate: new Date('2013-01-09T22:10:01.123Z'),
          PasswordLastUsed: undefined,
        },
      },
      RID,
    );
    expect(xml).toBe(
      [
        '<GetUserResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">',
        '  <GetUserResult>',
        '    <User>',
        '      <Path>/division_abc/</Path>',
        '      <UserName>Bob</UserName>',
        '      <UserId>AIDACKCEVSQ6C2EXAMPLE</UserId>',
        '      <Arn>arn:aws:iam::123456789012:user/division_abc/Bob</Arn>',
        '      <CreateDate>2013-01-09T22:10:01Z</CreateDate>',
        '    </User>',
        '  </GetUserResult>',
        '  <ResponseMetadata>',
        `    <RequestId>${RID}</RequestId>`,
        '  </ResponseMetadata>',
        '</GetUserResponse>',
        '',
      ].join('\n'),
    );
  });

  it('writes only ResponseMetadata for an operation without output', () => {
    expect(encodeResult(iam, 'DeleteUser', undefined, RID)).toBe(
      `<DeleteUserResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">\n  <ResponseMetadata>\n    <RequestId>${RID}</RequestId>\n  </ResponseMetadata>\n</DeleteUserResponse>\n`,
    );
  });

  it('writes lists as member elements, empty lists as empty elements, and booleans', () => {
    const xml = encodeResult(iam, 'ListUsers', { Users: [], IsTruncated: false }, RID);
    expect(xml).toContain('<ListUsersResult>\n    <Users/>\n    <IsTruncated>false</IsTruncated>\n  </ListUsersResult>');
    const two = encodeResult(iam, 'ListAccountAliases', { AccountAliases: ['a', 'b'], IsTruncated: true, Marker: 'm' }, RID);
    expect(two).toContain('<AccountAliases>\n      <member>a</member>\n      <member>b</member>\n    </AccountAliases>');
    expect(two).toContain('<IsTruncated>true</IsTruncated>\n    <Marker>m</Marker>');
  });

  it('writes maps as entry/key/value', () => {
    const xml = encodeResult(iam, 'GetAccountSummary', { SummaryMap: { Users: 3, Groups: 1 } }, RID);
    expect(xml).toContain(
      '<SummaryMap>\n      <entry>\n        <key>Users</key>\n        <value>3</value>\n      </entry>\n' +
        '      <entry>\n        <key>Groups</key>\n        <value>1</value>\n      </entry>\n    </SummaryMap>',
    );
  });

  it('escapes text', () => {
    const xml = encodeResult(iam, 'GetGroupPolicy', { GroupName: 'g', PolicyName: 'p', PolicyDocument: '%7B%22a%22%7D & <b> "c"' }, RID);
    expect(xml).toContain('<PolicyDocument>%7B%22a%22%7D &amp; &lt;b&gt; "c"</PolicyDocument>');
  });

  it('follows the element order AWS uses where it differs from the model', () => {
    const xml = encodeResult(sts, 'GetCallerIdentity', { UserId: 'AIDA', Account: '123456789012', Arn: 'arn' }, RID);
    expect(xml).toContain('<GetCallerIdentityResult>\n    <Arn>arn</Arn>\n    <UserId>AIDA</UserId>\n    <Account>123456789012</Account>\n');
    const assumed = encodeResult(
      sts,
      'AssumeRole',
      { Credentials: { AccessKeyId: 'ASIA', SecretAccessKey: 's', SessionToken: 't', Expiration: new Date(0) }, AssumedRoleUser: { AssumedRoleId: 'AROA:s', Arn: 'arn' } },
      RID,
    );
    expect(assumed.indexOf('<AssumedRoleUser>')).toBeLessThan(assumed.indexOf('<Credentials>'));
  });

  it('honours flattened lists and maps, member locationName, xmlNamespace and blobs', () => {
    const xml = encodeResult(
      testModel,
      'Put',
      { FlatMap: { a: '1' }, Flat: ['x', 'y'], Named: ['i'], Spaced: 's', Data: new Uint8Array([1, 2, 255]), When: 1704164645, Ok: true },
      RID,
    );
    expect(xml).toContain('<FlatMap>\n      <Name>a</Name>\n      <Val>1</Val>\n    </FlatMap>');
    expect(xml).toContain('<Flat>x</Flat>\n    <Flat>y</Flat>');
    expect(xml).toContain('<Named>\n      <Item>i</Item>\n    </Named>');
    expect(xml).toContain('<Spaced xmlns="https://example.com/other">s</Spaced>');
    expect(xml).toContain('<Data>AQL/</Data>');
    expect(xml).toContain('<When>2024-01-02T03:04:05Z</When>');
  });

  it('refuses a value that does not fit its shape', () => {
    expect(() => encodeResult(iam, 'ListUsers', { Users: 'not a list' }, RID)).toThrow(/ListUsers\.Users/);
    expect(() => encodeResult(iam, 'NoSuchOperation', {}, RID)).toThrow();
    const users = [{ UserName: 'ok' }, { UserName: 'bad', CreateDate: true }];
    expect(() => encodeResult(iam, 'ListUsers', { Users: users }, RID)).toThrow(/^ListUsers\.Users\[1\]\.CreateDate: value does not fit timestamp/);
  });

  it('formats timestamps to the second, outside years 0-9999 too', () => {
    expect(formatTimestamp(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 999)))).toBe('2024-01-02T03:04:05Z');
    expect(formatTimestamp(new Date(Date.UTC(20000, 0, 1)))).toBe('+020000-01-01T00:00:00Z');
  });
});

describe('encodeError', () => {
  it('writes an ErrorResponse with Type, Code, Message and RequestId', () => {
    const error = new IamError('NoSuchEntity', 'The user with name <bob> cannot be found.');
    expect(encodeError(iam, error, RID)).toBe(
      [
        '<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">',
        '  <Error>',
        '    <Type>Sender</Type>',
        '    <Code>NoSuchEntity</Code>',
        '    <Message>The user with name &lt;bob&gt; cannot be found.</Message>',
        '  </Error>',
        `  <RequestId>${RID}</RequestId>`,
        '</ErrorResponse>',
        '',
      ].join('\n'),
    );
    expect(encodeError(sts, new IamError('ServiceFailure', 'x'), RID)).toContain(
      '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">\n  <Error>\n    <Type>Receiver</Type>',
    );
  });
});

describe('formatTimestamp', () => {
  it('drops milliseconds as AWS Query timestamps do', () => {
    expect(formatTimestamp(new Date('2024-01-02T03:04:05.678Z'))).toBe('2024-01-02T03:04:05Z');
  });

  it('writes every date as toISOString does, to the second, whatever the year', () => {
    const reference = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, 'Z');
    fc.assert(
      fc.property(fc.date({ noInvalidDate: true }), (date) => {
        expect(formatTimestamp(date)).toBe(reference(date));
      }),
    );
    // Day boundaries and the edges of the fast path.
    for (const ms of [0, 86_399_999, 86_400_000, 253_402_300_799_999, 253_402_300_800_000, -1]) {
      expect(formatTimestamp(new Date(ms))).toBe(reference(new Date(ms)));
    }
    expect(() => formatTimestamp(new Date(Number.NaN))).toThrow(RangeError);
  });
});
