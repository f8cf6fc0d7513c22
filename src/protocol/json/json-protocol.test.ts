// The JSON 1.1 protocol: targets, decoding with the model (types, constraints, AWS's
// wording) and encoding, for every CloudTrail and EventBridge operation.

import { describe, expect, it } from 'vitest';
import { loadJsonServiceModel, operationForTarget, type JsonServiceName } from '../model/json-models.js';
import { sampleValue } from '../model/sample-value.case.js';
import type { WireObject } from '../wire-value.js';
import { decodeJsonInput, readJsonInput } from './decode.js';
import { encodeJsonOutput } from './encode.js';
import { JsonServiceError } from './json-error.js';

const CLOUDTRAIL = loadJsonServiceModel('cloudtrail');
const EVENTS = loadJsonServiceModel('events');

function refusal(fn: () => unknown): JsonServiceError {
  try {
    fn();
  } catch (err) {
    if (err instanceof JsonServiceError) return err;
    throw err;
  }
  throw new Error('accepted');
}

describe('operationForTarget', () => {
  it('finds CloudTrail and EventBridge operations by their X-Amz-Target', () => {
    expect(operationForTarget('com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents')?.operation.name).toBe('LookupEvents');
    expect(operationForTarget('CloudTrail_20131101.LookupEvents')?.operation.name).toBe('LookupEvents');
    expect(operationForTarget('other.CloudTrail_20131101.LookupEvents')).toBeUndefined();
    expect(operationForTarget('AWSEvents.PutRule')).toMatchObject({ service: 'events', operation: { name: 'PutRule' } });
    expect(operationForTarget('AWSEvents.NoSuchThing')).toBeUndefined();
    expect(operationForTarget('Nonsense')).toBeUndefined();
  });
});

describe('decodeJsonInput', () => {
  it('reads the LookupEvents body botocore sends', () => {
    const body = '{"LookupAttributes":[{"AttributeKey":"EventName","AttributeValue":"ConsoleLogin"}],"StartTime":1704067200,"MaxResults":50}';
    expect(decodeJsonInput(CLOUDTRAIL, 'LookupEventsRequest', body)).toEqual({
      LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'ConsoleLogin' }],
      StartTime: new Date('2024-01-01T00:00:00Z'),
      MaxResults: 50,
    });
  });

  it('refuses constraint violations with ValidationException in AWS\'s wording', () => {
    const err = refusal(() => decodeJsonInput(EVENTS, 'PutRuleRequest', JSON.stringify({ Name: 'x'.repeat(65) })));
    expect(err.code).toBe('ValidationException');
    expect(err.message).toBe(`1 validation error detected: Value '${'x'.repeat(65)}' at 'name' failed to satisfy constraint: Member must have length less than or equal to 64`);
    expect(refusal(() => decodeJsonInput(EVENTS, 'PutRuleRequest', '{}')).message).toBe(
      "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null",
    );
    expect(refusal(() => decodeJsonInput(EVENTS, 'PutRuleRequest', JSON.stringify({ Name: 'r', State: 'ON' }))).message).toMatch(/at 'state' failed to satisfy constraint: Member must satisfy enum value set/);
  });

  it('refuses wrong types and bad JSON with SerializationException, and ignores unknown members', () => {
    expect(refusal(() => decodeJsonInput(CLOUDTRAIL, 'LookupEventsRequest', '{"MaxResults":"ten"}')).code).toBe('SerializationException');
    expect(refusal(() => decodeJsonInput(CLOUDTRAIL, 'LookupEventsRequest', '{"MaxResults":')).code).toBe('SerializationException');
    expect(refusal(() => decodeJsonInput(CLOUDTRAIL, 'LookupEventsRequest', '[]')).code).toBe('SerializationException');
    expect(decodeJsonInput(CLOUDTRAIL, 'LookupEventsRequest', '{"Unknown":1,"MaxResults":5}')).toEqual({ MaxResults: 5 });
  });

  it('gives the error body the SDKs read', () => {
    expect(JSON.parse(new JsonServiceError('InvalidNextTokenException', 'bad token').body())).toEqual({ __type: 'InvalidNextTokenException', message: 'bad token' });
  });
});

describe('encode and decode agree for every operation', () => {
  for (const service of ['cloudtrail', 'events'] as const satisfies readonly JsonServiceName[]) {
    it(`${service}: every input and output shape survives JSON`, () => {
      const model = loadJsonServiceModel(service);
      let count = 0;
      for (const operation of Object.values(model.operations)) {
        for (const shapeName of [operation.input, operation.output]) {
          if (shapeName === undefined) continue;
          const value = sampleValue(model, shapeName, 3) as WireObject;
          const text = encodeJsonOutput(model, shapeName, value);
          expect(readJsonInput(model, shapeName, JSON.parse(text)), `${operation.name} ${shapeName}`).toEqual(value);
          count++;
        }
      }
      expect(count).toBeGreaterThan(80);
    });
  }
});
