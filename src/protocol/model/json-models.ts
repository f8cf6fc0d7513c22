// The JSON-speaking services' models: CloudTrail and EventBridge (JSON 1.1, one POST with
// X-Amz-Target) and Access Analyzer (REST-JSON). Generated like iam.json by
// scripts/build-model.ts.

import accessAnalyzerJson from './accessanalyzer.json' with { type: 'json' };
import cloudTrailJson from './cloudtrail.json' with { type: 'json' };
import eventsJson from './events.json' with { type: 'json' };
import type { OperationModel, ServiceModel } from './service-model.js';

export type JsonServiceName = 'cloudtrail' | 'events';
export type RestJsonServiceName = 'accessanalyzer';

// Our own script wrote these files; the cast adds the literal unions JSON loses. The
// JSON protocols have no XML namespace.
const load = (json: unknown): ServiceModel => {
  const model = json as ServiceModel;
  return { ...model, metadata: { ...model.metadata, xmlNamespace: '' } };
};

const JSON_MODELS: Readonly<Record<JsonServiceName, ServiceModel>> = { cloudtrail: load(cloudTrailJson), events: load(eventsJson) };
const REST_JSON_MODELS: Readonly<Record<RestJsonServiceName, ServiceModel>> = { accessanalyzer: load(accessAnalyzerJson) };

export function loadJsonServiceModel(service: JsonServiceName): ServiceModel {
  return JSON_MODELS[service];
}

export function loadRestJsonServiceModel(service: RestJsonServiceName): ServiceModel {
  return REST_JSON_MODELS[service];
}

/**
 * `AWSEvents.PutRule` -> events / PutRule; undefined when no JSON 1.1 service has that target.
 * botocore sends CloudTrail's whole prefix (`com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101`),
 * the JavaScript SDK only its last part (`CloudTrail_20131101`): both are accepted.
 */
export function operationForTarget(target: string): { service: JsonServiceName; operation: OperationModel } | undefined {
  const dot = target.lastIndexOf('.');
  if (dot < 0) return undefined;
  const prefix = target.slice(0, dot);
  const action = target.slice(dot + 1);
  for (const service of Object.keys(JSON_MODELS) as JsonServiceName[]) {
    const model = JSON_MODELS[service];
    const full = model.metadata.targetPrefix ?? '';
    if (full !== prefix && !full.endsWith(`.${prefix}`)) continue;
    const operation = Object.hasOwn(model.operations, action) ? model.operations[action] : undefined;
    return operation === undefined ? undefined : { service, operation };
  }
  return undefined;
}
