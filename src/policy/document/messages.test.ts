import { describe, it, expect } from 'vitest';
import { ORGANIZATIONS_MALFORMED, problemMessage } from './messages.js';

describe('problemMessage', () => {
  it('words IAM identity-policy faults as IAM does', () => {
    expect(problemMessage('iam', 'unknown-field', { name: 'Foo' })).toBe('Syntax errors in policy.');
    expect(problemMessage('iam', 'effect-case')).toBe('The policy failed legacy parsing');
    expect(problemMessage('iam', 'action-vendor', { value: 'a b' })).toBe('Vendor a b is not valid');
    expect(problemMessage('iam', 'principal-forbidden')).toBe('Policy document should not specify a principal.');
    expect(problemMessage('iam', 'resource-format', { value: 'Resource x must be in ARN format or "*".' })).toBe(
      'Resource x must be in ARN format or "*".',
    );
  });

  it('words trust-policy faults as IAM does for AssumeRolePolicyDocument', () => {
    expect(problemMessage('trust', 'invalid-json')).toBe('This policy contains invalid Json');
    expect(problemMessage('trust', 'resource-forbidden', { name: 'Resource' })).toBe('Has prohibited field Resource');
    expect(problemMessage('trust', 'principal-invalid', { name: 'Service', value: 'x' })).toBe('Invalid principal in policy: "SERVICE":"x"');
    expect(problemMessage('trust', 'action-not-sts')).toBe('AssumeRole policy may only specify STS AssumeRole actions.');
    expect(problemMessage('trust', 'unknown-field', { name: 'Actions' })).toBe('Unknown field Actions');
  });

  it('words resource-policy faults as the resource-policy engine does', () => {
    expect(problemMessage('resource', 'principal-missing')).toBe('Missing required field Principal');
    expect(problemMessage('resource', 'principal-invalid', { name: 'AWS', value: 'x' })).toBe('Invalid principal in policy');
    expect(problemMessage('resource', 'action-invalid')).toBe('Policy has invalid action');
    expect(problemMessage('resource', 'resource-invalid')).toBe('Policy has invalid resource');
    expect(problemMessage('resource', 'condition-operator', { name: 'Foo' })).toBe('Invalid Condition type : Foo');
  });

  it('gives the one Organizations message for SCPs and RCPs', () => {
    expect(problemMessage('organizations', 'syntax')).toBe(ORGANIZATIONS_MALFORMED);
    expect(problemMessage('organizations', 'principal-forbidden')).toBe(ORGANIZATIONS_MALFORMED);
  });
});
