// Turns botocore's service models (IAM and STS; CloudTrail and EventBridge, JSON 1.1;
// Access Analyzer, REST-JSON) into the compact JSON models in
// src/protocol/model/ (no documentation), so the product never needs botocore.
// Run: npx tsx scripts/build-model.ts   (BOTOCORE_DIR overrides where botocore is found)
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

interface BotoRef {
  shape: string;
  location?: string;
  locationName?: string;
  idempotencyToken?: boolean;
  xmlNamespace?: { uri?: string } | string;
  flattened?: boolean;
}

interface BotoShape {
  type: string;
  members?: Record<string, BotoRef>;
  member?: BotoRef;
  key?: BotoRef;
  value?: BotoRef;
  required?: string[];
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
  flattened?: boolean;
  sensitive?: boolean;
  timestampFormat?: string;
  exception?: boolean;
  error?: { code?: string; httpStatusCode?: number; senderFault?: boolean };
}

interface BotoOperation {
  name: string;
  http?: { method?: string; requestUri?: string; responseCode?: number };
  input?: { shape: string };
  output?: { shape: string; resultWrapper?: string };
  errors?: { shape: string }[];
}

interface BotoModel {
  metadata: Record<string, unknown>;
  operations: Record<string, BotoOperation>;
  shapes: Record<string, BotoShape>;
}

const SERVICES = [
  { name: 'iam', path: 'data/iam/2010-05-08/service-2.json.gz' },
  { name: 'sts', path: 'data/sts/2011-06-15/service-2.json.gz' },
  { name: 'cloudtrail', path: 'data/cloudtrail/2013-11-01/service-2.json.gz' },
  { name: 'events', path: 'data/events/2015-10-07/service-2.json.gz' },
  { name: 'accessanalyzer', path: 'data/accessanalyzer/2019-11-01/service-2.json.gz' },
] as const;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'src/protocol/model');

function python(code: string): string {
  return execFileSync('python3', ['-c', code], { encoding: 'utf8' }).trim();
}

function compactRef(ref: BotoRef): Record<string, unknown> {
  const out: Record<string, unknown> = { shape: ref.shape };
  if (ref.location !== undefined) out['location'] = ref.location;
  if (ref.locationName !== undefined) out['locationName'] = ref.locationName;
  if (ref.idempotencyToken === true) out['idempotencyToken'] = true;
  if (ref.xmlNamespace !== undefined) {
    out['xmlNamespace'] = typeof ref.xmlNamespace === 'string' ? ref.xmlNamespace : ref.xmlNamespace.uri;
  }
  if (ref.flattened) out['flattened'] = true;
  return out;
}

/** Copies the listed keys that are present, in a fixed order so the output is stable. */
function pick(shape: BotoShape, keys: readonly (keyof BotoShape)[], out: Record<string, unknown>): void {
  for (const key of keys) {
    if (shape[key] !== undefined) out[key] = shape[key];
  }
}

function compactShape(name: string, shape: BotoShape): Record<string, unknown> {
  const out: Record<string, unknown> = { type: shape.type };
  switch (shape.type) {
    case 'structure': {
      const members: Record<string, unknown> = {};
      for (const [memberName, ref] of Object.entries(shape.members ?? {})) {
        members[memberName] = compactRef(ref);
      }
      out['members'] = members;
      if (shape.required !== undefined && shape.required.length > 0) out['required'] = shape.required;
      if (shape.exception) out['exception'] = true;
      if (shape.error !== undefined) {
        out['error'] = {
          code: shape.error.code ?? name,
          httpStatusCode: shape.error.httpStatusCode ?? 400,
          ...(shape.error.senderFault ? { senderFault: true } : {}),
        };
      }
      break;
    }
    case 'list':
      if (shape.member === undefined) throw new Error(`list ${name} has no member`);
      out['member'] = compactRef(shape.member);
      pick(shape, ['min', 'max', 'flattened'], out);
      break;
    case 'map':
      if (shape.key === undefined || shape.value === undefined) throw new Error(`map ${name} lacks key or value`);
      out['key'] = compactRef(shape.key);
      out['value'] = compactRef(shape.value);
      pick(shape, ['min', 'max', 'flattened'], out);
      break;
    case 'string':
      pick(shape, ['min', 'max', 'pattern', 'enum', 'sensitive'], out);
      break;
    case 'integer':
    case 'long':
    case 'float':
    case 'double':
      pick(shape, ['min', 'max'], out);
      break;
    case 'boolean':
      break;
    case 'timestamp':
      pick(shape, ['timestampFormat'], out);
      break;
    case 'blob':
      pick(shape, ['min', 'max', 'sensitive'], out);
      break;
    default:
      throw new Error(`shape ${name} has type ${shape.type}, which the compact model does not know`);
  }
  return out;
}

function compactModel(model: BotoModel): Record<string, unknown> {
  const rest = model.metadata['protocol'] === 'rest-json';
  const operations: Record<string, unknown> = {};
  for (const name of Object.keys(model.operations).sort()) {
    const op = model.operations[name];
    if (op === undefined) continue;
    operations[name] = {
      name: op.name,
      httpMethod: op.http?.method ?? 'POST',
      ...(rest && op.http?.requestUri !== undefined ? { requestUri: op.http.requestUri } : {}),
      ...(rest && op.http?.responseCode !== undefined ? { responseCode: op.http.responseCode } : {}),
      ...(op.input ? { input: op.input.shape } : {}),
      ...(op.output ? { output: op.output.shape } : {}),
      ...(op.output?.resultWrapper ? { resultWrapper: op.output.resultWrapper } : {}),
      errors: (op.errors ?? []).map((e) => e.shape),
    };
  }
  const shapes: Record<string, unknown> = {};
  for (const name of Object.keys(model.shapes).sort()) {
    const shape = model.shapes[name];
    if (shape !== undefined) shapes[name] = compactShape(name, shape);
  }
  const meta = model.metadata;
  return {
    metadata: {
      apiVersion: meta['apiVersion'],
      xmlNamespace: meta['xmlNamespace'],
      serviceId: meta['serviceId'],
      endpointPrefix: meta['endpointPrefix'],
      protocol: meta['protocol'],
      ...(meta['targetPrefix'] !== undefined ? { targetPrefix: meta['targetPrefix'] } : {}),
      ...(meta['jsonVersion'] !== undefined ? { jsonVersion: meta['jsonVersion'] } : {}),
      ...(meta['signingName'] !== undefined ? { signingName: meta['signingName'] } : {}),
    },
    operations,
    shapes,
  };
}

function main(): void {
  const botocoreDir =
    process.env['BOTOCORE_DIR'] ?? python('import botocore,os;print(os.path.dirname(botocore.__file__))');
  const version = python(`import sys;sys.path.insert(0, ${JSON.stringify(dirname(botocoreDir))});import botocore;print(botocore.__version__)`);
  for (const service of SERVICES) {
    const raw = JSON.parse(gunzipSync(readFileSync(join(botocoreDir, service.path))).toString('utf8')) as BotoModel;
    const compact = compactModel(raw);
    writeFileSync(join(outDir, `${service.name}.json`), `${JSON.stringify(compact, null, 1)}\n`);
    console.log(
      `${service.name}: ${Object.keys(raw.operations).length} operations, ${Object.keys(raw.shapes).length} shapes`,
    );
  }
  const readmePath = join(outDir, 'README.md');
  const readme = readFileSync(readmePath, 'utf8').replace(
    /botocore version: `[^`]*`/,
    `botocore version: \`${version}\``,
  );
  writeFileSync(readmePath, readme);
  console.log(`botocore ${version} from ${botocoreDir}`);
}

main();
