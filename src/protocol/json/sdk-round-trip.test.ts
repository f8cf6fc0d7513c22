// Proves the JSON 1.1 wire format against the real AWS SDK clients: for every CloudTrail
// and EventBridge operation the SDK's request decodes to what it was given and our JSON
// for a sample result parses back to that result; errors surface with their code.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as cloudTrailSdk from '@aws-sdk/client-cloudtrail';
import * as eventsSdk from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadJsonServiceModel, operationForTarget, type JsonServiceName } from '../model/json-models.js';
import { sampleValue } from '../model/sample-value.case.js';
import type { ServiceModel } from '../model/service-model.js';
import { isWireObject, type WireObject } from '../wire-value.js';
import { readJsonInput } from './decode.js';
import { encodeJsonOutput } from './encode.js';
import { JsonServiceError } from './json-error.js';

interface SdkClient {
  send(command: unknown): Promise<Record<string, unknown>>;
}

let server: Server;
let reply: { model: ServiceModel; output?: WireObject; error?: JsonServiceError } | undefined;
let lastDecoded: { action: string; input: WireObject } | undefined;
let clients: Record<JsonServiceName, SdkClient>;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const found = operationForTarget(String(req.headers['x-amz-target']));
      const current = reply;
      const headers = { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'req-1' };
      if (current === undefined || found === undefined) {
        res.writeHead(400, headers).end(new JsonServiceError('UnknownOperationException', 'unknown').body());
        return;
      }
      if (current.error !== undefined) {
        res.writeHead(current.error.status, headers).end(current.error.body());
        return;
      }
      const text = Buffer.concat(chunks).toString('utf8');
      const input = found.operation.input === undefined ? {} : readJsonInput(current.model, found.operation.input, JSON.parse(text === '' ? '{}' : text));
      lastDecoded = { action: found.operation.name, input };
      res.writeHead(200, headers).end(encodeJsonOutput(current.model, found.operation.output, current.output ?? {}));
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
  clients = {
    cloudtrail: new cloudTrailSdk.CloudTrailClient(config) as unknown as SdkClient,
    events: new eventsSdk.EventBridgeClient(config) as unknown as SdkClient,
  };
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const SDKS: Record<JsonServiceName, Record<string, unknown>> = {
  cloudtrail: cloudTrailSdk as unknown as Record<string, unknown>,
  events: eventsSdk as unknown as Record<string, unknown>,
};

function command(service: JsonServiceName, operation: string, input: unknown): unknown {
  const Ctor = SDKS[service][`${operation}Command`] as (new (input: unknown) => unknown) | undefined;
  if (Ctor === undefined) throw new Error(`the SDK has no ${operation}Command`);
  return new Ctor(input);
}

function withoutEndpointId(input: WireObject): WireObject {
  const { EndpointId: _endpointId, ...rest } = input;
  return rest;
}

describe.each(['cloudtrail', 'events'] as const)('every %s operation through the real SDK client', (service) => {
  const model = loadJsonServiceModel(service);

  it('decodes the SDK request and the SDK parses our JSON back to the same values', async () => {
    const failures: string[] = [];
    const operations = Object.values(model.operations);
    expect(operations.length).toBeGreaterThan(50);
    for (const [i, op] of operations.entries()) {
      const sample = op.input === undefined ? {} : sampleValue(model, op.input, i * 1000);
      // PutEvents' EndpointId sends the call to a global endpoint's own host name; the SDK
      // checks it is a host label before sending, and Keyward serves no such endpoint.
      const input = op.name === 'PutEvents' && isWireObject(sample) ? withoutEndpointId(sample) : sample;
      const output = op.output === undefined ? undefined : sampleValue(model, op.output, i * 1000 + 500);
      if (!isWireObject(input) || (output !== undefined && !isWireObject(output))) throw new Error('bad sample');
      reply = { model, ...(output !== undefined && { output }) };
      lastDecoded = undefined;
      try {
        const result = await clients[service].send(command(service, op.name, input));
        expect(lastDecoded).toEqual({ action: op.name, input });
        const { $metadata: _m, ...rest } = result;
        expect(rest).toEqual(output ?? {});
      } catch (error) {
        failures.push(`${op.name}: ${error instanceof Error ? error.message.slice(0, 500) : String(error)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('surfaces an error with its code, message and status', async () => {
    const code = service === 'cloudtrail' ? 'InvalidNextTokenException' : 'ResourceNotFoundException';
    reply = { model, error: new JsonServiceError(code, 'it went wrong', 400) };
    const op = service === 'cloudtrail' ? 'LookupEvents' : 'DescribeRule';
    const caught = (await clients[service].send(command(service, op, service === 'events' ? { Name: 'r' } : {})).catch((e: unknown) => e)) as Record<string, unknown>;
    expect(caught['name']).toBe(code);
    expect(caught['message']).toBe('it went wrong');
    expect(caught['$metadata']).toMatchObject({ httpStatusCode: 400 });
  });
});
