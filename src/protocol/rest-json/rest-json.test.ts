import { describe, expect, it } from 'vitest';
import { IamError } from '../errors.js';
import { loadRestJsonServiceModel } from '../model/json-models.js';
import { decodeRestJsonInput, encodeRestJsonOutput } from './codec.js';
import { asRestJsonError } from './rest-json-error.js';
import { matchRoute, restRoutes } from './routes.js';

const model = loadRestJsonServiceModel('accessanalyzer');
const input = (over: Partial<Parameters<typeof decodeRestJsonInput>[2]>) => ({ labels: {}, query: new URLSearchParams(), headers: {}, body: '', ...over });

describe('REST-JSON routing', () => {
  it('routes by method and path with labels, from the model', () => {
    expect(matchRoute(model, 'POST', '/policy/validation')?.route.operation.name).toBe('ValidatePolicy');
    expect(matchRoute(model, 'GET', '/analyzer/my-analyzer')).toMatchObject({ route: { operation: { name: 'GetAnalyzer' } }, labels: { analyzerName: 'my-analyzer' } });
    expect(matchRoute(model, 'DELETE', '/analyzer/a/archive-rule/r')?.labels).toEqual({ analyzerName: 'a', ruleName: 'r' });
    expect(matchRoute(model, 'GET', '/tags/arn%3Aaws%3Aaccess-analyzer%3Aus-east-1%3A111122223333%3Aanalyzer%2Fa')?.labels.resourceArn).toBe('arn:aws:access-analyzer:us-east-1:111122223333:analyzer/a');
    expect(matchRoute(model, 'PATCH', '/policy/validation')).toBeUndefined();
    expect(restRoutes(model).find((r) => r.operation.name === 'GetAnalyzer')?.fastifyPath).toBe('/analyzer/:analyzerName');
  });
});

describe('REST-JSON input and output', () => {
  it('gathers body and query members and checks the model', () => {
    const decoded = decodeRestJsonInput(model, 'ValidatePolicyRequest', input({ body: '{"policyDocument":"{}","policyType":"IDENTITY_POLICY","ignored":1}', query: new URLSearchParams('maxResults=5&nextToken=abc') }));
    expect(decoded).toEqual({ policyDocument: '{}', policyType: 'IDENTITY_POLICY', maxResults: 5, nextToken: 'abc' });
  });

  it('answers a missing member with ValidationException, reason fieldValidationFailed and a fieldList', () => {
    let caught: unknown;
    try {
      decodeRestJsonInput(model, 'ValidatePolicyRequest', input({ body: '{"policyDocument":"{}"}' }));
    } catch (e) {
      caught = e;
    }
    const error = asRestJsonError(caught);
    expect(error.code).toBe('ValidationException');
    expect(error.status).toBe(400);
    expect(error.fields).toMatchObject({ reason: 'fieldValidationFailed', fieldList: [{ name: 'policyType' }] });
  });

  it('answers unreadable input with ValidationException cannotParse', () => {
    for (const over of [{ body: '{' }, { body: '{"policyDocument": 5, "policyType": "IDENTITY_POLICY"}' }, { body: '{}', query: new URLSearchParams('maxResults=ten') }]) {
      let caught: unknown;
      try {
        decodeRestJsonInput(model, 'ValidatePolicyRequest', input(over));
      } catch (e) {
        caught = e;
      }
      expect(asRestJsonError(caught)).toMatchObject({ code: 'ValidationException', fields: { reason: 'cannotParse' } });
    }
  });

  it("maps IAM's vocabulary to the REST services' codes and statuses", () => {
    expect(asRestJsonError(new IamError('AccessDenied', 'no'))).toMatchObject({ code: 'AccessDeniedException', status: 403 });
    expect(asRestJsonError(new IamError('InvalidClientTokenId', 'who'))).toMatchObject({ code: 'UnrecognizedClientException', status: 403 });
    expect(asRestJsonError(new Error('boom'))).toMatchObject({ code: 'InternalServerException', status: 500 });
  });

  it('writes the output members in model order without absent ones', () => {
    expect(encodeRestJsonOutput(model, 'CheckNoNewAccessResponse', { message: 'm', result: 'PASS' })).toBe('{"result":"PASS","message":"m"}');
  });
});
