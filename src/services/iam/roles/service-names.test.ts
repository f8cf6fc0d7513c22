// Service-linked role names: AWS's names for known services, a derivation for others.
import { describe, expect, it } from 'vitest';
import { IamError } from '../../../protocol/errors.js';
import { getAwsManagedPolicy } from '../../../domain/aws-managed/catalogue.js';
import { listedServicePrincipals, serviceLinkedRoleName, serviceLinkedRoleSpec } from './service-names.js';

describe('serviceLinkedRoleName', () => {
  it('uses the names AWS gives well-known services', () => {
    expect(serviceLinkedRoleName('elasticbeanstalk.amazonaws.com', undefined)).toBe('AWSServiceRoleForElasticBeanstalk');
    expect(serviceLinkedRoleName('lex.amazonaws.com', undefined)).toBe('AWSServiceRoleForLexBots');
    expect(serviceLinkedRoleName('es.amazonaws.com', undefined)).toBe('AWSServiceRoleForAmazonElasticsearchService');
    expect(serviceLinkedRoleSpec('spot.amazonaws.com')?.policyName).toBe('AWSEC2SpotServiceRolePolicy');
  });

  it('names the Application Auto Scaling family AWSServiceRoleForApplicationAutoScaling_<Target>, without suffixes', () => {
    expect(serviceLinkedRoleName('custom-resource.application-autoscaling.amazonaws.com', undefined)).toBe('AWSServiceRoleForApplicationAutoScaling_CustomResource');
    expect(serviceLinkedRoleSpec('custom-resource.application-autoscaling.amazonaws.com')?.policyName).toBe('AWSApplicationAutoScalingCustomResourcePolicy');
    expect(serviceLinkedRoleName('dynamodb.application-autoscaling.amazonaws.com', undefined)).toBe('AWSServiceRoleForApplicationAutoScaling_DynamoDBTable');
    expect(serviceLinkedRoleName('ecs.application-autoscaling.amazonaws.com', undefined)).toBe('AWSServiceRoleForApplicationAutoScaling_ECSService');
    expect(serviceLinkedRoleName('ec2.application-autoscaling.amazonaws.com', undefined)).toBe('AWSServiceRoleForApplicationAutoScaling_EC2SpotFleetRequest');
    expect(serviceLinkedRoleName('elasticache.application-autoscaling.amazonaws.com', undefined)).toBe('AWSServiceRoleForApplicationAutoScaling_ElastiCacheRG');
    expect(serviceLinkedRoleName('new-thing.application-autoscaling.amazonaws.com', undefined)).toBe('AWSServiceRoleForApplicationAutoScaling_NewThing');
    expect(() => serviceLinkedRoleName('ecs.application-autoscaling.amazonaws.com', 'x')).toThrow(
      'Custom suffix is not allowed for ecs.application-autoscaling.amazonaws.com',
    );
  });

  it('gives every listed service an AWS managed service-linked role policy that exists', () => {
    for (const principal of listedServicePrincipals()) {
      const policyName = serviceLinkedRoleSpec(principal)?.policyName;
      expect(policyName, principal).toBeDefined();
      const policy = getAwsManagedPolicy(`arn:aws:iam::aws:policy/aws-service-role/${policyName}`);
      expect(policy?.policyName, `${principal}: ${policyName}`).toBe(policyName);
    }
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
