// The authorization API as a service model, so its calls go through the request pipeline like
// every other service's and the audit trail records them the same way: one operation per door,
// and only what CloudTrail should show of each request (the service's name, the checks' actions
// and resources, AuthZEN's subject, action and resource). Never the forwarded request's headers
// or body, nor the definition document.

import type { ServiceModel } from '../../protocol/model/service-model.js';

/** Operation names (also the trail's eventName) and the Keyward action each is authorized with. */
export const KEYWARD_OPERATIONS = {
  CreateServiceDefinition: 'keyward:CreateServiceDefinition',
  GetServiceDefinition: 'keyward:GetServiceDefinition',
  ListServiceDefinitions: 'keyward:ListServiceDefinitions',
  UpdateServiceDefinition: 'keyward:UpdateServiceDefinition',
  DeleteServiceDefinition: 'keyward:DeleteServiceDefinition',
  Authorize: 'keyward:Authorize',
  AccessEvaluation: 'keyward:Authorize',
  AccessEvaluations: 'keyward:Authorize',
  ExtAuthz: undefined,
} as const;

export type KeywardOperation = keyof typeof KEYWARD_OPERATIONS;

const operation = (name: KeywardOperation, httpMethod: string, input?: string): ServiceModel['operations'][string] => ({
  name,
  httpMethod,
  ...(input !== undefined && { input }),
  errors: [],
});

export const KEYWARD_MODEL: ServiceModel = {
  metadata: {
    apiVersion: '2026-12-01',
    xmlNamespace: '',
    serviceId: 'Keyward',
    endpointPrefix: 'keyward',
    protocol: 'rest-json',
    signingName: 'keyward',
    eventSource: 'keyward',
  },
  operations: {
    CreateServiceDefinition: operation('CreateServiceDefinition', 'POST', 'NamedInput'),
    GetServiceDefinition: operation('GetServiceDefinition', 'GET', 'NamedInput'),
    ListServiceDefinitions: operation('ListServiceDefinitions', 'GET'),
    UpdateServiceDefinition: operation('UpdateServiceDefinition', 'PUT', 'NamedInput'),
    DeleteServiceDefinition: operation('DeleteServiceDefinition', 'DELETE', 'NamedInput'),
    Authorize: operation('Authorize', 'POST', 'AuthorizeInput'),
    AccessEvaluation: operation('AccessEvaluation', 'POST', 'EvaluationsInput'),
    AccessEvaluations: operation('AccessEvaluations', 'POST', 'EvaluationsInput'),
    ExtAuthz: operation('ExtAuthz', 'GET', 'ExtAuthzInput'),
  },
  shapes: {
    ServiceName: { type: 'string' },
    Text: { type: 'string' },
    Generation: { type: 'long' },
    NamedInput: { type: 'structure', members: { Name: { shape: 'ServiceName' } } },
    Check: { type: 'structure', members: { Action: { shape: 'Text' }, Resource: { shape: 'Text' }, CorrelationId: { shape: 'Text' } } },
    Checks: { type: 'list', member: { shape: 'Check' } },
    AuthorizeInput: { type: 'structure', members: { Name: { shape: 'ServiceName' }, Checks: { shape: 'Checks' }, AtLeastGeneration: { shape: 'Generation' } } },
    Evaluation: { type: 'structure', members: { Subject: { shape: 'Text' }, Action: { shape: 'Text' }, Resource: { shape: 'Text' } } },
    Evaluations: { type: 'list', member: { shape: 'Evaluation' } },
    EvaluationsInput: { type: 'structure', members: { Evaluations: { shape: 'Evaluations' } } },
    ExtAuthzInput: { type: 'structure', members: { Name: { shape: 'ServiceName' }, Method: { shape: 'Text' }, Path: { shape: 'Text' } } },
  },
};
