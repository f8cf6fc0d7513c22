// Proves the model-driven wire format against the real AWS SDK clients: for every
// IAM and STS operation the SDK's request decodes to what it was given, and our
// XML for a sample result parses back to that result; errors surface as AWS's do.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as iamSdk from '@aws-sdk/client-iam';
import * as stsSdk from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE, IamError, type ErrorCode } from './errors.js';
import { sampleValue } from './model/sample-value.case.js';
import { loadServiceModel, type ServiceModel } from './model/service-model.js';
import { decodeQueryRequest } from './query/decode.js';
import { isWireObject, type WireObject } from './wire-value.js';
import { encodeError, encodeResult } from './xml/encode.js';

interface Reply {
  model: ServiceModel;
  output?: WireObject;
  error?: IamError;
}

interface SdkClient {
  send(command: unknown): Promise<Record<string, unknown>>;
}

type CommandCtor = new (input: unknown) => unknown;

const REQUEST_ID = '01234567-89ab-cdef-0123-456789abcdef';
let server: Server;
let reply: Reply | undefined;
let lastDecoded: { action: string; input: WireObject } | undefined;
let clients: { iam: SdkClient; sts: SdkClient };

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const current = reply;
      if (current === undefined) {
        res.writeHead(500).end();
        return;
      }
      const params = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const decoded = decodeQueryRequest(params, current.model, { validate: false });
      if (decoded.ok) lastDecoded = { action: decoded.operation.name, input: decoded.input };
      const headers = { 'content-type': 'text/xml', 'x-amzn-requestid': REQUEST_ID };
      if (current.error !== undefined) {
        res.writeHead(current.error.status, headers).end(encodeError(current.model, current.error, REQUEST_ID));
      } else if (!decoded.ok) {
        res.writeHead(decoded.error.status, headers).end(encodeError(current.model, decoded.error, REQUEST_ID));
      } else {
        res.writeHead(200, headers).end(encodeResult(current.model, decoded.operation, current.output, REQUEST_ID));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const config = {
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
    maxAttempts: 1,
  };
  clients = { iam: new iamSdk.IAMClient(config), sts: new stsSdk.STSClient(config) };
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

function command(sdk: Record<string, unknown>, operation: string, input: unknown): unknown {
  const Ctor = sdk[`${operation}Command`] as CommandCtor | undefined;
  if (Ctor === undefined) throw new Error(`the SDK has no ${operation}Command`);
  return new Ctor(input);
}

function withoutMetadata(result: Record<string, unknown>): Record<string, unknown> {
  const { $metadata: _metadata, ...rest } = result;
  return rest;
}

const SERVICES = [
  { name: 'iam', sdk: iamSdk as unknown as Record<string, unknown> },
  { name: 'sts', sdk: stsSdk as unknown as Record<string, unknown> },
] as const;

describe.each(SERVICES)('every $name operation through the real SDK client', ({ name, sdk }) => {
  const model = loadServiceModel(name);
  const operations = Object.values(model.operations);

  it('covers the whole model', () => {
    expect(operations.length).toBeGreaterThan(name === 'iam' ? 170 : 10);
  });

  it('decodes the SDK request and the SDK parses our XML back to the same values', async () => {
    const failures: string[] = [];
    for (const [i, op] of operations.entries()) {
      const input = op.input === undefined ? {} : sampleValue(model, op.input, i * 1000);
      const output = op.output === undefined ? undefined : sampleValue(model, op.output, i * 1000 + 500);
      if (!isWireObject(input) || (output !== undefined && !isWireObject(output))) throw new Error('bad sample');
      reply = { model, ...(output === undefined ? {} : { output }) };
      lastDecoded = undefined;
      try {
        const result = await clients[name].send(command(sdk, op.name, input));
        expect(lastDecoded).toEqual({ action: op.name, input });
        expect(withoutMetadata(result)).toEqual(output ?? {});
        expect(result['$metadata']).toMatchObject({ httpStatusCode: 200, requestId: REQUEST_ID });
      } catch (error) {
        failures.push(`${op.name}: ${error instanceof Error ? error.message.slice(0, 2000) : String(error)}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('errors through the real SDK client', () => {
  const iam = loadServiceModel('iam');
  const codes = Object.keys(ERROR_CATALOGUE) as ErrorCode[];

  it.each(codes)('%s keeps its code, status and message', async (code) => {
    const error = new IamError(code, `message for ${code} with <xml> & "quotes"`);
    reply = { model: iam, error };
    const caught = await clients.iam.send(command(iamSdk, 'GetUser', {})).then(
      () => undefined,
      (e: unknown) => e as Record<string, unknown>,
    );
    expect(caught).toBeDefined();
    // Modelled errors are named after their shape (NoSuchEntityException); the rest by code.
    expect(caught?.['Code'] ?? caught?.['name']).toBe(code);
    expect(caught?.['message']).toBe(error.message);
    expect(caught?.['$metadata']).toMatchObject({ httpStatusCode: ERROR_CATALOGUE[code].status });
    expect(caught?.['$fault']).toBe(error.type === 'Sender' ? 'client' : 'server');
  });

  it('names a modelled error after its shape, as AWS SDKs expect', async () => {
    reply = { model: iam, error: new IamError('NoSuchEntity', 'The user with name bob cannot be found.') };
    const caught = await clients.iam.send(command(iamSdk, 'GetUser', { UserName: 'bob' })).catch((e: unknown) => e);
    expect(caught).toBeInstanceOf(iamSdk.NoSuchEntityException);
    expect((caught as iamSdk.NoSuchEntityException).name).toBe('NoSuchEntityException');
  });
});
