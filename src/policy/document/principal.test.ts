import { describe, it, expect } from 'vitest';
import { readJson } from './json-tree.js';
import type { JsonNode } from './json-tree.js';
import { readPrincipal } from './principal.js';

function json(text: string): JsonNode {
  const node = readJson(text);
  if (node === undefined) throw new Error(`bad test JSON: ${text}`);
  return node;
}

describe('readPrincipal', () => {
  it('reads "*" in resource policies as the wildcard', () => {
    expect(readPrincipal(json('"*"'), 'P', 'resource')).toEqual({
      spec: { wildcard: true, aws: [], service: [], federated: [], canonicalUser: [] },
      faults: [],
    });
  });

  it('reads every principal type, strings or lists, keeping the values as written', () => {
    const reading = readPrincipal(
      json(
        '{"AWS":["123456789012","arn:aws:iam::123456789012:role/path/R","arn:aws:sts::123456789012:assumed-role/R/s","*"],' +
          '"Service":"ec2.amazonaws.com","Federated":"arn:aws:iam::123456789012:saml-provider/Okta",' +
          '"CanonicalUser":"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"}',
      ),
      'P',
      'resource',
    );
    expect(reading.faults).toEqual([]);
    expect(reading.spec?.aws).toHaveLength(4);
    expect(reading.spec?.service).toEqual(['ec2.amazonaws.com']);
    expect(reading.spec?.federated).toEqual(['arn:aws:iam::123456789012:saml-provider/Okta']);
    expect(reading.spec?.canonicalUser).toHaveLength(1);
    expect(reading.spec?.wildcard).toBe(false);
  });

  it('uses the last value of a repeated type, as AWS does', () => {
    const reading = readPrincipal(json('{"AWS":"111111111111","AWS":"222222222222"}'), 'P', 'trust');
    expect(reading.spec?.aws).toEqual(['222222222222']);
  });

  it('rejects malformed values with their path', () => {
    const cases: [string, string][] = [
      ['{"AWS":"arn:aws:iam::123456789012:group/G"}', 'P.AWS'],
      ['{"AWS":"arn:aws:iam::123456789012:role/*"}', 'P.AWS'],
      ['{"AWS":"alice"}', 'P.AWS'],
      ['{"AWS":["123456789012","12345"]}', 'P.AWS[1]'],
      ['{"Service":"*"}', 'P.Service'],
      ['{"Service":"ec2 amazonaws.com"}', 'P.Service'],
      ['{"Foo":"bar"}', 'P.Foo'],
    ];
    for (const [text, path] of cases) {
      const reading = readPrincipal(json(text), 'P', 'resource');
      expect(reading.spec, text).toBeUndefined();
      expect(reading.faults[0], text).toMatchObject({ code: 'principal-invalid', path });
    }
  });

  it('treats trust policies more strictly: no "*" string, no CanonicalUser, empty lists', () => {
    expect(readPrincipal(json('"*"'), 'P', 'trust').faults).toEqual([{ code: 'principal-star-string', path: 'P' }]);
    expect(readPrincipal(json('{"CanonicalUser":"abc"}'), 'P', 'trust').faults[0]).toMatchObject({
      code: 'principal-invalid',
      args: { name: 'CanonicalUser', value: 'abc' },
    });
    expect(readPrincipal(json('{}'), 'P', 'trust').faults).toEqual([{ code: 'principal-empty', path: 'P' }]);
    expect(readPrincipal(json('{"AWS":[]}'), 'P', 'trust').faults).toEqual([{ code: 'principal-empty', path: 'P.AWS' }]);
    expect(readPrincipal(json('["*"]'), 'P', 'trust').faults).toEqual([{ code: 'syntax', path: 'P' }]);
    expect(readPrincipal(json('{"AWS":"*"}'), 'P', 'trust').spec?.aws).toEqual(['*']);
  });
});
