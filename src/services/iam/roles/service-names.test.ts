// Service-linked role names: AWS's names for known services, a derivation for others.
import { describe, expect, it } from 'vitest';
import { IamError } from '../../../protocol/errors.js';
import { serviceLinkedRoleName, serviceLinkedRoleSpec } from './service-names.js';

describe('serviceLinkedRoleName', () => {
  it('uses the names AWS gives well-known services', () => {
    expect(serviceLinkedRoleName('elasticbeanstalk.amazonaws.com', undefined)).toBe('AWSServiceRoleForElasticBeanstalk');
    expect(serviceLinkedRoleName('lex.amazonaws.com', undefined)).toBe('AWSServiceRoleForLexBots');
    expect(serviceLinkedRoleName('es.amazonaws.com', undefined)).toBe('AWSServiceRoleForAmazonElasticsearchService');
    expect(serviceLinkedRoleSpec('spot.amazonaws.com')?.policyName).toBe('AWSEC2SpotServiceRolePolicy');
  });

  it('derives a PascalCase name for other service principals', () => {
    expect(serviceLinkedRoleName('foo-bar.amazonaws.com', undefined)).toBe('AWSServiceRoleForFooBar');
    expect(serviceLinkedRoleName('a.b.amazonaws.com', undefined)).toBe('AWSServiceRoleForAB');
  });

  it('appends a suffix with "_" where allowed, and refuses it where AWS does', () => {
    expect(serviceLinkedRoleName('autoscaling.amazonaws.com', 'web')).toBe('AWSServiceRoleForAutoScaling_web');
    expect(() => serviceLinkedRoleName('es.amazonaws.com', 'x')).toThrow('Custom suffix is not allowed for es.amazonaws.com');
    expect(() => serviceLinkedRoleName('autoscaling.amazonaws.com', 'x'.repeat(60))).toThrow(IamError);
  });

  it('refuses names that are not service principals with InvalidInput', () => {
    for (const bad of ['example.com', '.amazonaws.com', 'amazonaws.com']) {
      expect(() => serviceLinkedRoleName(bad, undefined)).toThrow(expect.objectContaining({ code: 'InvalidInput' }));
    }
  });
});
