// Types for the compact service models generated from botocore by
// scripts/build-model.ts, and the loader the Query protocol (IAM, STS) reads them through;
// json-models.ts loads the JSON 1.1 and REST-JSON ones (CloudTrail, EventBridge, Access Analyzer).
import iamJson from './iam.json' with { type: 'json' };
import stsJson from './sts.json' with { type: 'json' };

export type ServiceName = 'iam' | 'sts';

/** A reference from a structure member, list member or map key/value to a shape. */
export interface ShapeRef {
  shape: string;
  /** REST-JSON: where the member travels (`uri`, `querystring`, `header`); the body otherwise. */
  location?: 'uri' | 'querystring' | 'header' | 'headers' | 'statusCode';
  locationName?: string;
  /** Filled with a fresh token when the caller leaves it out (clientToken). */
  idempotencyToken?: boolean;
  xmlNamespace?: string;
  flattened?: boolean;
}

export interface StructureShape {
  type: 'structure';
  /** Object key order is the model's member order, which is also the XML element order. */
  members: Record<string, ShapeRef>;
  required?: string[];
  exception?: boolean;
  /** AWS error metadata; absent on a few exception shapes, whose code is then the shape name. */
  error?: { code: string; httpStatusCode: number; senderFault?: boolean };
}

export interface ListShape {
  type: 'list';
  member: ShapeRef;
  min?: number;
  max?: number;
  flattened?: boolean;
}

export interface MapShape {
  type: 'map';
  key: ShapeRef;
  value: ShapeRef;
  min?: number;
  max?: number;
  flattened?: boolean;
}

export interface StringShape {
  type: 'string';
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
  sensitive?: boolean;
}

export interface NumberShape {
  type: 'integer' | 'long' | 'float' | 'double';
  min?: number;
  max?: number;
}

export interface BooleanShape {
  type: 'boolean';
}

export interface TimestampShape {
  type: 'timestamp';
  timestampFormat?: 'iso8601' | 'unixTimestamp' | 'rfc822';
}

export interface BlobShape {
  type: 'blob';
  min?: number;
  max?: number;
  sensitive?: boolean;
}

export type Shape =
  | StructureShape
  | ListShape
  | MapShape
  | StringShape
  | NumberShape
  | BooleanShape
  | TimestampShape
  | BlobShape;

export interface OperationModel {
  name: string;
  httpMethod: string;
  /** REST-JSON: `/policy/validation`, `/analyzer/{analyzerName}`, with an optional `?query`. */
  requestUri?: string;
  /** REST-JSON: the success status when it is not 200. */
  responseCode?: number;
  input?: string;
  output?: string;
  /** The element that wraps the output members: `CreateUserResult`. */
  resultWrapper?: string;
  /** Error shape names the operation declares. */
  errors: string[];
}

export interface ServiceModel {
  metadata: {
    apiVersion: string;
    xmlNamespace: string;
    serviceId: string;
    endpointPrefix: string;
    protocol: string;
    /** JSON 1.1: the X-Amz-Target prefix (`AWSEvents`). */
    targetPrefix?: string;
    jsonVersion?: string;
    /** The SigV4 service name when it differs from endpointPrefix (`access-analyzer`). */
    signingName?: string;
    /** CloudTrail's eventSource when it is not `<signing name>.amazonaws.com` (Keyward's own API: `keyward`). */
    eventSource?: string;
  };
  operations: Record<string, OperationModel>;
  shapes: Record<string, Shape>;
}

// The JSON is produced by our own script, so its shape is trusted; TypeScript
// infers plain `string` where the model has literal unions, hence the cast.
const models: Record<ServiceName, ServiceModel> = {
  iam: iamJson as unknown as ServiceModel,
  sts: stsJson as unknown as ServiceModel,
};

export function loadServiceModel(service: ServiceName): ServiceModel {
  return models[service];
}

/** The service whose API version a request's `Version` names, if any. */
export function serviceForApiVersion(version: string | null | undefined): ServiceName | undefined {
  return (Object.keys(models) as ServiceName[]).find((name) => models[name].metadata.apiVersion === version);
}

/** Looks up a shape, failing loudly: a dangling reference is a bug in the generated model. */
export function getShape(model: ServiceModel, name: string): Shape {
  const shape = model.shapes[name];
  if (shape === undefined) {
    throw new Error(`shape ${name} is not in the ${model.metadata.serviceId} model`);
  }
  return shape;
}
