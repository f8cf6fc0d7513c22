// AWS managed policies (arn:aws:iam::aws:policy/...), read from the committed catalogue
// policies.json.gz on first use, never at import. See README.md for source and licence.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { AWS_MANAGED_ACCOUNT, policyArn } from '../arn.js';
import { newUniqueId } from '../ids.js';
import { matchesPathPrefix } from '../names.js';
import { deterministicRandom } from '../random.js';

export interface AwsManagedPolicy {
  readonly policyName: string;
  /**
   * ANPA... id. The source data has no ids, so it is derived from the ARN: stable across
   * installs and releases, but not the id AWS shows for the same policy.
   */
  readonly policyId: string;
  readonly arn: string;
  readonly path: string;
  readonly defaultVersionId: string;
  /** The default version's document as JSON text (minified; see README). */
  readonly document: string;
  /** ISO 8601. */
  readonly createDate: string;
  /** ISO 8601; also the default version's CreateDate, as AWS's is the newest version. */
  readonly updateDate: string;
  readonly description?: string;
  readonly isAttachable: true;
  /**
   * Under /aws-service-role/: AWS attaches these only to service-linked roles; attaching one
   * elsewhere fails with PolicyNotAttachable "Cannot attach a Service Role Policy to a Customer Role."
   */
  readonly serviceLinkedRoleOnly: boolean;
}

export interface CatalogueSource {
  readonly package: string;
  readonly version: string;
  readonly license: string;
}

// The committed file's shape, written by scripts/build-aws-managed-policies.ts.
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

interface CatalogueFile {
  source: CatalogueSource;
  policies: CatalogueRow[];
}

interface Catalogue {
  source: CatalogueSource;
  list: readonly AwsManagedPolicy[];
  byArn: ReadonlyMap<string, AwsManagedPolicy>;
}

const SERVICE_LINKED_PATH = '/aws-service-role/';

let loaded: Catalogue | undefined;

function toPolicy(row: CatalogueRow): AwsManagedPolicy {
  const arn = policyArn(AWS_MANAGED_ACCOUNT, row.path, row.name);
  let id = row.id;
  return Object.freeze({
    policyName: row.name,
    // Derived on first read: hashing every ARN up front would double the load time.
    get policyId(): string {
      id ??= newUniqueId('ANPA', deterministicRandom(arn));
      return id;
    },
    arn,
    path: row.path,
    defaultVersionId: row.defaultVersionId,
    document: row.document,
    createDate: row.createDate,
    updateDate: row.updateDate,
    ...(row.description === undefined ? {} : { description: row.description }),
    isAttachable: true as const,
    serviceLinkedRoleOnly: row.path === SERVICE_LINKED_PATH,
  });
}

function readCatalogue(): Catalogue {
  // Relative to this module, so it resolves both in src/ (vitest, tsx) and in dist/ after
  // `tsc` plus scripts/copy-assets.ts.
  const file = fileURLToPath(new URL('./policies.json.gz', import.meta.url));
  const parsed = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as CatalogueFile;
  if (!Array.isArray(parsed.policies)) throw new Error(`${file}: no policies array`);
  const list = parsed.policies.map(toPolicy);
  return { source: parsed.source, list, byArn: new Map(list.map((p) => [p.arn, p])) };
}

function catalogue(): Catalogue {
  loaded ??= readCatalogue();
  return loaded;
}

/** True for ARNs in the AWS managed policy namespace, whether or not the policy exists. */
export function isAwsManagedPolicyArn(arn: string): boolean {
  return arn.startsWith(`arn:aws:iam::${AWS_MANAGED_ACCOUNT}:policy/`);
}

/** The policy with exactly this ARN, or null. ARNs are compared as given (case-sensitive). */
export function getAwsManagedPolicy(arn: string): AwsManagedPolicy | null {
  if (!isAwsManagedPolicyArn(arn)) return null;
  return catalogue().byArn.get(arn) ?? null;
}

export interface ListAwsManagedPoliciesOptions {
  /** ListPolicies `PathPrefix`: a case-sensitive prefix of the policy path. */
  pathPrefix?: string;
}

/** All AWS managed policies in the catalogue's order (the source's), optionally by path prefix. */
export function listAwsManagedPolicies(options: ListAwsManagedPoliciesOptions = {}): readonly AwsManagedPolicy[] {
  const { list } = catalogue();
  if (options.pathPrefix === undefined) return list;
  return list.filter((p) => matchesPathPrefix(p.path, options.pathPrefix));
}

export function awsManagedPolicyCount(): number {
  return catalogue().list.length;
}

/** Which release of the source data the catalogue was built from. */
export function awsManagedPolicySource(): CatalogueSource {
  return catalogue().source;
}
