import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderErrorsMarkdown } from './error-docs.js';
import { ERROR_CATALOGUE, IamError, iamErrors, invalidActionError, isErrorCode, toIamError } from './errors.js';
import { loadServiceModel, type ServiceName } from './model/service-model.js';

const docsPath = join(dirname(fileURLToPath(import.meta.url)), '../../docs/errors.md');

describe('the error catalogue', () => {
  it.each<ServiceName>(['iam', 'sts'])('has every %s model error with the model status and fault side', (service) => {
    const model = loadServiceModel(service);
    const exceptions = Object.entries(model.shapes).filter(([, s]) => s.type === 'structure' && s.exception === true);
    expect(exceptions.length).toBeGreaterThan(10);
    for (const [shapeName, shape] of exceptions) {
      if (shape.type !== 'structure') continue;
      // Without error metadata the SDKs use the shape name and a client fault (400).
      const code = shape.error?.code ?? shapeName;
      const status = shape.error?.httpStatusCode ?? 400;
      const type = shape.error === undefined || shape.error.senderFault === true ? 'Sender' : 'Receiver';
      expect(isErrorCode(code), `${shapeName} -> ${code}`).toBe(true);
      expect(ERROR_CATALOGUE[code as keyof typeof ERROR_CATALOGUE], code).toMatchObject({ status, type });
    }
  });

  it('lists the common AWS errors with their documented statuses', () => {
    expect(ERROR_CATALOGUE.ValidationError.status).toBe(400);
    expect(ERROR_CATALOGUE.AccessDenied.status).toBe(403);
    expect(ERROR_CATALOGUE.InvalidClientTokenId.status).toBe(403);
    expect(ERROR_CATALOGUE.MissingAuthenticationToken.status).toBe(403);
    expect(ERROR_CATALOGUE.MalformedQueryString.status).toBe(404);
    expect(ERROR_CATALOGUE.InternalFailure).toMatchObject({ status: 500, type: 'Receiver' });
    expect(ERROR_CATALOGUE.ServiceUnavailable).toMatchObject({ status: 503, type: 'Receiver' });
  });

  it('is documented in docs/errors.md, generated from the catalogue', () => {
    const rendered = renderErrorsMarkdown();
    if (process.env['KEYWARD_UPDATE_DOCS'] === '1') {
      mkdirSync(dirname(docsPath), { recursive: true });
      writeFileSync(docsPath, rendered);
    }
    expect(existsSync(docsPath)).toBe(true);
    expect(readFileSync(docsPath, 'utf8')).toBe(rendered);
    for (const code of Object.keys(ERROR_CATALOGUE)) expect(rendered).toContain(`| \`${code}\` |`);
  });
});

describe('IamError', () => {
  it('takes status and fault side from the catalogue', () => {
    const e = new IamError('NoSuchEntity', 'The user with name bob cannot be found.');
    expect(e).toBeInstanceOf(Error);
    expect(e).toMatchObject({ code: 'NoSuchEntity', status: 404, type: 'Sender', message: 'The user with name bob cannot be found.' });
    expect(new IamError('ServiceFailure', 'x')).toMatchObject({ status: 500, type: 'Receiver' });
  });

  it('has a factory for every code', () => {
    expect(Object.keys(iamErrors)).toHaveLength(Object.keys(ERROR_CATALOGUE).length);
    expect(iamErrors.entityAlreadyExists('User with name bob already exists.')).toMatchObject({ code: 'EntityAlreadyExists', status: 409 });
    expect(iamErrors.packedPolicyTooLarge('too big')).toMatchObject({ code: 'PackedPolicyTooLarge', status: 400 });
  });

  it('words an unknown action as AWS does', () => {
    expect(invalidActionError('Nope', '2010-05-08').message).toBe('Could not find operation Nope for version 2010-05-08');
    expect(invalidActionError('ListUsers', undefined).message).toBe('Could not find operation ListUsers for version NO_VERSION_SPECIFIED');
  });

  it('turns unexpected throws into InternalFailure and keeps IamErrors', () => {
    const known = new IamError('LimitExceeded', 'quota');
    expect(toIamError(known)).toBe(known);
    const wrapped = toIamError(new TypeError('boom'));
    expect(wrapped).toMatchObject({ code: 'InternalFailure', status: 500, type: 'Receiver' });
    expect(wrapped.cause).toBeInstanceOf(TypeError);
  });
});
