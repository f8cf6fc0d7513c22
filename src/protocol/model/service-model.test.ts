import { describe, expect, it } from 'vitest';
import { getShape, loadServiceModel, serviceForApiVersion, type ServiceModel, type ShapeRef } from './service-model.js';

function refsOf(model: ServiceModel): ShapeRef[] {
  return Object.values(model.shapes).flatMap((s) => {
    if (s.type === 'structure') return Object.values(s.members);
    if (s.type === 'list') return [s.member];
    if (s.type === 'map') return [s.key, s.value];
    return [];
  });
}

describe('the compact service models', () => {
  it('carry the API versions and XML namespaces', () => {
    expect(loadServiceModel('iam').metadata).toMatchObject({
      apiVersion: '2010-05-08',
      xmlNamespace: 'https://iam.amazonaws.com/doc/2010-05-08/',
      protocol: 'query',
    });
    expect(loadServiceModel('sts').metadata).toMatchObject({
      apiVersion: '2011-06-15',
      xmlNamespace: 'https://sts.amazonaws.com/doc/2011-06-15/',
      protocol: 'query',
    });
  });

  it.each(['iam', 'sts'] as const)('%s: every reference resolves and no documentation is kept', (service) => {
    const model = loadServiceModel(service);
    for (const ref of refsOf(model)) expect(() => getShape(model, ref.shape)).not.toThrow();
    for (const op of Object.values(model.operations)) {
      for (const name of [op.input, op.output, ...op.errors]) if (name !== undefined) getShape(model, name);
      if (op.output !== undefined) expect(op.resultWrapper).toBe(`${op.name}Result`);
    }
    for (const shape of Object.values(model.shapes)) {
      if (shape.type === 'structure') {
        for (const r of shape.required ?? []) expect(Object.keys(shape.members)).toContain(r);
      }
    }
    expect(JSON.stringify(model)).not.toContain('documentation');
  });

  it('keeps the constraints validation needs', () => {
    const iam = loadServiceModel('iam');
    expect(iam.operations['CreateUser']).toMatchObject({
      input: 'CreateUserRequest',
      output: 'CreateUserResponse',
      resultWrapper: 'CreateUserResult',
      httpMethod: 'POST',
    });
    expect(iam.operations['CreateUser']?.errors).toContain('EntityAlreadyExistsException');
    expect(iam.shapes['userNameType']).toEqual({ type: 'string', min: 1, max: 64, pattern: '[\\w+=,.@-]+' });
    expect(iam.shapes['NoSuchEntityException']).toMatchObject({
      exception: true,
      error: { code: 'NoSuchEntity', httpStatusCode: 404, senderFault: true },
    });
    expect(iam.shapes['passwordType']).toMatchObject({ sensitive: true });
    expect(iam.shapes['summaryMapType']).toMatchObject({ type: 'map', key: { shape: 'summaryKeyType' } });
  });

  it('finds the service by API version', () => {
    expect(serviceForApiVersion('2010-05-08')).toBe('iam');
    expect(serviceForApiVersion('2011-06-15')).toBe('sts');
    expect(serviceForApiVersion('2000-01-01')).toBeUndefined();
    expect(serviceForApiVersion(null)).toBeUndefined();
  });

  it('fails loudly on an unknown shape', () => {
    expect(() => getShape(loadServiceModel('sts'), 'Nope')).toThrow(/Nope/);
  });
});
