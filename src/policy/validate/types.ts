// The shape of Access Analyzer's ValidatePolicy findings (API_ValidatePolicyFinding), in AWS's
// wire names: a finding is data, never an exception.

export type FindingType = 'ERROR' | 'SECURITY_WARNING' | 'SUGGESTION' | 'WARNING';

export type ValidatePolicyType = 'IDENTITY_POLICY' | 'RESOURCE_POLICY' | 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY';

export const VALIDATE_POLICY_TYPES: readonly ValidatePolicyType[] = ['IDENTITY_POLICY', 'RESOURCE_POLICY', 'SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY'];

export type ValidatePolicyResourceType =
  | 'AWS::S3::Bucket'
  | 'AWS::S3::AccessPoint'
  | 'AWS::S3::MultiRegionAccessPoint'
  | 'AWS::S3ObjectLambda::AccessPoint'
  | 'AWS::IAM::AssumeRolePolicyDocument'
  | 'AWS::DynamoDB::Table';

export const VALIDATE_POLICY_RESOURCE_TYPES: readonly ValidatePolicyResourceType[] = [
  'AWS::S3::Bucket',
  'AWS::S3::AccessPoint',
  'AWS::S3::MultiRegionAccessPoint',
  'AWS::S3ObjectLambda::AccessPoint',
  'AWS::IAM::AssumeRolePolicyDocument',
  'AWS::DynamoDB::Table',
];

/** One step of a location's path: exactly one member is set. */
export type PathElement =
  | { readonly value: string }
  | { readonly index: number }
  | { readonly key: string }
  | { readonly substring: { readonly start: number; readonly length: number } };

/** 1-based line, 0-based column and offset (UTF-16 units). */
export interface Position {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

/** Start inclusive, end exclusive; a string's span includes its quotes. */
export interface Span {
  readonly start: Position;
  readonly end: Position;
}

export interface Location {
  readonly path: readonly PathElement[];
  readonly span: Span;
}

export interface ValidatePolicyFinding {
  readonly findingDetails: string;
  readonly findingType: FindingType;
  readonly issueCode: string;
  readonly learnMoreLink: string;
  readonly locations: readonly Location[];
}
