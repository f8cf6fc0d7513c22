// EventBridge's NextToken and ARN helpers: a token gives back the name it was made from, a
// forged one is refused, and names come back out of the ARNs Keyward makes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonServiceError } from '../../protocol/json/json-error.js';
import { nameInArn, nextTokenOf, pageOf } from './names.js';

const NAME = fc.stringMatching(/^[.\-_A-Za-z0-9]{1,64}$/);

describe('NextToken', () => {
  it('round-trips every rule name, with the limit asked for', () => {
    fc.assert(
      fc.property(NAME, fc.integer({ min: 1, max: 100 }), (name, limit) => {
        const { NextToken } = nextTokenOf(name);
        expect(pageOf({ NextToken: NextToken!, Limit: limit })).toEqual({ after: name, limit });
      }),
    );
  });

  it('is absent at the end of a list, and a token not made by Keyward is a ValidationException', () => {
    expect(nextTokenOf(undefined)).toEqual({});
    expect(pageOf({})).toEqual({ limit: 100 });
    expect(() => pageOf({ NextToken: 'bm90LW91cnM' })).toThrow(JsonServiceError);
    expect(() => pageOf({ NextToken: 'bm90LW91cnM' })).toThrow('The NextToken is not valid.');
  });
});

describe('nameInArn', () => {
  it('reads the name of every connection and API destination ARN', () => {
    fc.assert(
      fc.property(NAME, fc.uuid(), fc.constantFrom('connection' as const, 'api-destination' as const), (name, id, kind) => {
        expect(nameInArn(`arn:aws:events:us-east-1:111122223333:${kind}/${name}/${id}`, kind)).toBe(name);
        expect(nameInArn(`arn:aws:events:us-east-1:111122223333:${kind}/${name}/${id}`, kind === 'connection' ? 'api-destination' : 'connection')).toBeUndefined();
      }),
    );
    expect(nameInArn('arn:aws:sns:us-east-1:111122223333:topic', 'api-destination')).toBeUndefined();
  });
});
