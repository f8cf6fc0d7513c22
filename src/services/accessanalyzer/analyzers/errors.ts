// Access Analyzer's resource errors for analyzers, archive rules and findings, with the
// members AWS's shapes require (resourceId, resourceType).

import { JsonServiceError } from '../../../protocol/json/json-error.js';

export function resourceNotFound(resourceType: 'Analyzer' | 'ArchiveRule' | 'Finding' | 'Recommendation', resourceId: string): JsonServiceError {
  const what = { Analyzer: 'Analyzer', ArchiveRule: 'Archive rule', Finding: 'Finding', Recommendation: 'Recommendation for finding' }[resourceType];
  return new JsonServiceError('ResourceNotFoundException', `${what} ${resourceId} not found.`, 404, { resourceId, resourceType });
}

export function conflict(resourceType: 'Analyzer' | 'ArchiveRule', resourceId: string): JsonServiceError {
  const what = resourceType === 'Analyzer' ? 'An analyzer' : 'An archive rule';
  return new JsonServiceError('ConflictException', `${what} named ${resourceId} already exists.`, 409, { resourceId, resourceType });
}

export function quotaExceeded(resourceType: string, resourceId: string, message: string): JsonServiceError {
  return new JsonServiceError('ServiceQuotaExceededException', message, 402, { resourceId, resourceType });
}
