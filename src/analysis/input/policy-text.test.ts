import { describe, expect, it } from 'vitest';
import { policyText } from './policy-text.js';

describe('policyText', () => {
  const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:Get*', Resource: 'arn:aws:s3:::a b+c' }] };

  it('takes a JSON object as the AWS CLI prints it', () => {
    expect(policyText(doc)).toEqual({ ok: true, text: JSON.stringify(doc) });
  });

  it('decodes URL-encoded text as the IAM API returns it, keeping a literal +', () => {
    const encoded = encodeURIComponent(JSON.stringify(doc));
    expect(policyText(encoded)).toEqual({ ok: true, text: JSON.stringify(doc) });
  });

  it('takes JSON text as is, and says what is wrong otherwise', () => {
    expect(policyText('{"Statement":[]}')).toEqual({ ok: true, text: '{"Statement":[]}' });
    expect(policyText('%E0%A4%A')).toEqual({ ok: false, message: 'policy document is neither JSON nor valid URL-encoded text' });
    expect(policyText(5)).toEqual({ ok: false, message: 'expected a policy document' });
  });
});
