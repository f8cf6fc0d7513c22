// Access Analyzer's policy generation: StartPolicyGeneration stores a job; GetGeneratedPolicy (or
// ListPolicyGenerations) completes it, on whichever node is asked, once its window has reached the
// trail: the principal's authorized calls are read from Keyward's own trail and the policy is
// rendered with the caller's options. CancelPolicyGeneration stops a job still IN_PROGRESS.
// Each operation is authorized as `access-analyzer:<Operation>` on `*` (no resource type in the
// Service Authorization Reference).

import { generatePolicies } from '../../../policy/generate/generate-policy.js';
import { JsonServiceError } from '../../../protocol/json/json-error.js';
import { validationException } from '../../../protocol/rest-json/rest-json-error.js';
import type { Random } from '../../../domain/random.js';
import type { WireObject, WireValue } from '../../../protocol/wire-value.js';
import { EntityAlreadyExistsError } from '../../../storage/errors.js';
import type { StoredPolicyGeneration } from '../../../storage/policy-generation-repositories.js';
import type { StoreTx } from '../../../storage/ports.js';
import type { Operation, OperationTable, ServiceContext } from '../../operation.js';
import { usedActions } from './action-facts.js';
import { LIST_HORIZON_MS, MAX_WINDOW_MS, regionsOf, SETTLE_MS, type GenerationRequest, type GenerationResult, type TrailAsked } from './job.js';
import { readActivity } from './read-activity.js';

const anywhere = (name: string): Operation['checks'] => () => [{ action: `access-analyzer:${name}`, resource: '*' }];

const DEFAULT_LIST_SIZE = 100;

/** A random (version 4) UUID, as AWS's job ids are. */
function newJobId(random: Random): string {
  const b = random.bytes(16);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = Buffer.from(b).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function field(name: string, message: string): JsonServiceError {
  return validationException(message, 'fieldValidationFailed', [{ name, message }]);
}

function asDate(value: WireValue | undefined): Date | undefined {
  if (value instanceof Date) return value;
  if (typeof value === 'string' || typeof value === 'number') {
    const d = new Date(typeof value === 'number' ? value * 1000 : value);
    return Number.isNaN(d.getTime()) ? undefined : d;
  }
  return undefined;
}

function object(value: WireValue | undefined): WireObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) && !(value instanceof Uint8Array) ? (value as WireObject) : undefined;
}

/** The user or role the ARN names, in the caller's account, as it is now. */
async function principalOf(tx: StoreTx, accountId: string, arn: string): Promise<GenerationRequest['principal'] | undefined> {
  const m = /^arn:[^:]*:iam::([^:]*):(role|user)(\/.*)$/.exec(arn);
  if (m === null || m[1] !== accountId) return undefined;
  const pathAndName = m[3] ?? '/';
  const name = pathAndName.slice(pathAndName.lastIndexOf('/') + 1);
  const entity = m[2] === 'role' ? await tx.roles.get(accountId, name) : await tx.users.get(accountId, name);
  if (entity === undefined || entity.arn !== arn) return undefined;
  return { kind: m[2] === 'role' ? 'role' : 'user', id: entity.id };
}

function readTrails(details: WireObject): TrailAsked[] {
  const list = Array.isArray(details.trails) ? (details.trails as readonly WireValue[]) : [];
  return list.flatMap((t) => {
    const trail = object(t);
    if (trail === undefined || typeof trail.cloudTrailArn !== 'string') return [];
    const regions = Array.isArray(trail.regions) ? (trail.regions as readonly WireValue[]).filter((r): r is string => typeof r === 'string') : undefined;
    return [{ cloudTrailArn: trail.cloudTrailArn, ...(regions !== undefined && { regions }), ...(typeof trail.allRegions === 'boolean' && { allRegions: trail.allRegions }) }];
  });
}

/** The request's window and trails, checked as AWS checks them. */
function readRequest(input: WireObject, now: Date): Omit<GenerationRequest, 'principal'> {
  const details = object(input.cloudTrailDetails);
  if (details === undefined) {
    return { startTime: now.getTime() - MAX_WINDOW_MS, endTime: now.getTime(), cloudTrail: false, trails: [] };
  }
  const start = asDate(details.startTime);
  if (start === undefined) throw field('cloudTrailDetails.startTime', 'Required field is missing.');
  const givenEnd = asDate(details.endTime);
  // The trail holds nothing later than now: an end in the future ends now.
  const end = givenEnd === undefined || givenEnd.getTime() > now.getTime() ? now : givenEnd;
  if (start.getTime() > now.getTime()) throw field('cloudTrailDetails.startTime', 'The start time cannot be in the future.');
  if (start.getTime() > end.getTime()) throw field('cloudTrailDetails.startTime', 'The start time must be before the end time.');
  if (end.getTime() - start.getTime() > MAX_WINDOW_MS) throw field('cloudTrailDetails', 'The time range between the start time and the end time cannot exceed 90 days.');
  const trails = readTrails(details);
  return {
    startTime: start.getTime(),
    endTime: end.getTime(),
    cloudTrail: true,
    trails,
    ...(typeof details.accessRole === 'string' && { accessRole: details.accessRole }),
  };
}

/** The same clientToken with other parameters: AWS answers ConflictException. */
function sameRequest(job: StoredPolicyGeneration, principalArn: string, request: Omit<GenerationRequest, 'principal'>): boolean {
  const stored = JSON.parse(job.request) as GenerationRequest;
  return (
    job.principalArn === principalArn &&
    stored.cloudTrail === request.cloudTrail &&
    (!request.cloudTrail || (stored.startTime === request.startTime && JSON.stringify(stored.trails) === JSON.stringify(request.trails) && stored.accessRole === request.accessRole))
  );
}

const start: Operation = {
  checks: anywhere('StartPolicyGeneration'),
  async run(input, ctx) {
    const principalArn = String(object(input.policyGenerationDetails)?.principalArn ?? '');
    const request = readRequest(input, ctx.now);
    const token = typeof input.clientToken === 'string' && input.clientToken !== '' ? input.clientToken : undefined;
    return ctx.store.write(async (tx) => {
      if (token !== undefined) {
        const earlier = await tx.policyGenerations.byClientToken(ctx.accountId, token);
        if (earlier !== undefined) {
          if (!sameRequest(earlier, principalArn, request)) {
            throw new JsonServiceError('ConflictException', 'The clientToken was already used for a different policy generation request.', 409, { resourceId: token, resourceType: 'PolicyGeneration' });
          }
          return { jobId: earlier.jobId };
        }
      }
      const principal = await principalOf(tx, ctx.accountId, principalArn);
      const jobId = newJobId(ctx.random);
      const stored: GenerationRequest = { principal: principal ?? { kind: 'role', id: '' }, ...request };
      // A principal that is not there fails the job at once, as AWS reports it: in jobError.
      const failed = principal === undefined;
      try {
        await tx.policyGenerations.insert({
          jobId,
          accountId: ctx.accountId,
          principalArn,
          ...(token !== undefined && { clientToken: token }),
          request: JSON.stringify(stored),
          status: failed ? 'FAILED' : 'IN_PROGRESS',
          startedOn: ctx.now,
          ...(failed && { completedOn: ctx.now, error: { code: 'RESOURCE_NOT_FOUND_ERROR', message: `The principal ${principalArn} was not found in account ${ctx.accountId}.` } }),
        });
      } catch (error) {
        if (error instanceof EntityAlreadyExistsError && token !== undefined) {
          throw new JsonServiceError('ConflictException', 'A policy generation request with this clientToken is already being started.', 409, { resourceId: token, resourceType: 'PolicyGeneration' });
        }
        throw error;
      }
      return { jobId };
    });
  },
};

/** Completes an IN_PROGRESS job whose window has reached the trail; returns the job as it now stands. */
async function settle(ctx: ServiceContext, job: StoredPolicyGeneration): Promise<StoredPolicyGeneration> {
  if (job.status !== 'IN_PROGRESS') return job;
  const request = JSON.parse(job.request) as GenerationRequest;
  if (ctx.now.getTime() < request.endTime + SETTLE_MS) return job;
  const window = { start: new Date(request.startTime), end: new Date(request.endTime) };
  const regions = regionsOf(request.trails);
  const result = await ctx.store.read(async (tx): Promise<GenerationResult> => {
    const principal = { kind: request.principal.kind, accountId: job.accountId, id: request.principal.id, arn: job.principalArn };
    const activity = await readActivity(tx, principal, { ...window, ...(regions !== undefined && { regions }) });
    const actions = await usedActions(tx, activity.actions.values());
    // The service-level template: services the access history saw used in the window without any action-level record.
    const used = new Set([...activity.actions.values()].map((a) => a.prefix));
    const history = await tx.serviceAccess.lastAccessByService(job.accountId, [job.principalArn]);
    const serviceLevel = history
      .filter((s) => !used.has(s.serviceNamespace) && s.lastAccessed.getTime() >= request.startTime && s.lastAccessed.getTime() <= request.endTime)
      .map((s) => s.serviceNamespace);
    return { actions, serviceLevel, complete: activity.complete };
  });
  const outcome = { status: 'SUCCEEDED' as const, completedOn: ctx.now, result: JSON.stringify(result) };
  await ctx.store.write((tx) => tx.policyGenerations.finish(job.accountId, job.jobId, outcome));
  // Whoever finished first (this request, another node, or a cancel) decides the job.
  return (await ctx.store.read((tx) => tx.policyGenerations.get(job.accountId, job.jobId))) ?? job;
}

function jobDetails(job: StoredPolicyGeneration): WireObject {
  return {
    jobId: job.jobId,
    status: job.status,
    startedOn: job.startedOn,
    ...(job.completedOn !== undefined && { completedOn: job.completedOn }),
    ...(job.error !== undefined && { jobError: { code: job.error.code, message: job.error.message } }),
  };
}

async function knownJob(ctx: ServiceContext, jobId: string): Promise<StoredPolicyGeneration> {
  const job = await ctx.store.read((tx) => tx.policyGenerations.get(ctx.accountId, jobId));
  if (job === undefined) throw validationException(`The job ID ${jobId} is not valid.`, 'other');
  return job;
}

const getGenerated: Operation = {
  checks: anywhere('GetGeneratedPolicy'),
  async run(input, ctx) {
    const job = await settle(ctx, await knownJob(ctx, String(input.jobId ?? '')));
    const request = JSON.parse(job.request) as GenerationRequest;
    const result = job.status === 'SUCCEEDED' && job.result !== undefined ? (JSON.parse(job.result) as GenerationResult) : undefined;
    const policies =
      result === undefined
        ? undefined
        : generatePolicies(result.actions, {
            includeResourcePlaceholders: input.includeResourcePlaceholders === true,
            serviceLevel: input.includeServiceLevelTemplate === true ? result.serviceLevel : [],
          });
    const cloudTrailProperties = request.cloudTrail
      ? {
          startTime: new Date(request.startTime),
          endTime: new Date(request.endTime),
          trailProperties: request.trails.map((t) => ({ cloudTrailArn: t.cloudTrailArn, regions: [...(t.regions ?? [])], allRegions: t.allRegions === true })),
        }
      : undefined;
    return {
      jobDetails: jobDetails(job),
      generatedPolicyResult: {
        ...(policies !== undefined && { generatedPolicies: policies.map((policy) => ({ policy })) }),
        properties: {
          ...(result !== undefined && { isComplete: result.complete }),
          principalArn: job.principalArn,
          ...(cloudTrailProperties !== undefined && { cloudTrailProperties }),
        },
      },
    };
  },
};

function pageToken(job: StoredPolicyGeneration): string {
  return Buffer.from(JSON.stringify({ s: job.startedOn.getTime(), j: job.jobId })).toString('base64url');
}

function readPageToken(token: string): { startedOn: Date; jobId: string } {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { s?: unknown; j?: unknown };
    if (typeof parsed.s === 'number' && typeof parsed.j === 'string') return { startedOn: new Date(parsed.s), jobId: parsed.j };
  } catch {
    // fall through
  }
  throw validationException('The nextToken is not valid.', 'other', [{ name: 'nextToken', message: 'Invalid pagination token' }]);
}

const list: Operation = {
  checks: anywhere('ListPolicyGenerations'),
  async run(input, ctx) {
    const size = typeof input.maxResults === 'number' && input.maxResults > 0 ? input.maxResults : DEFAULT_LIST_SIZE;
    const after = typeof input.nextToken === 'string' ? readPageToken(input.nextToken) : undefined;
    const principalArn = typeof input.principalArn === 'string' ? input.principalArn : undefined;
    const rows = await ctx.store.read((tx) =>
      tx.policyGenerations.list(ctx.accountId, {
        since: new Date(ctx.now.getTime() - LIST_HORIZON_MS),
        ...(principalArn !== undefined && { principalArn }),
        ...(after !== undefined && { after }),
        limit: size + 1,
      }),
    );
    const page = rows.slice(0, size);
    const jobs: StoredPolicyGeneration[] = [];
    for (const job of page) jobs.push(await settle(ctx, job));
    const last = page[page.length - 1];
    return {
      policyGenerations: jobs.map((job) => ({
        jobId: job.jobId,
        principalArn: job.principalArn,
        status: job.status,
        startedOn: job.startedOn,
        ...(job.completedOn !== undefined && { completedOn: job.completedOn }),
      })),
      ...(rows.length > size && last !== undefined && { nextToken: pageToken(last) }),
    };
  },
};

const cancel: Operation = {
  checks: anywhere('CancelPolicyGeneration'),
  async run(input, ctx) {
    const jobId = String(input.jobId ?? '');
    await knownJob(ctx, jobId);
    // Idempotent: a job already finished (or canceled) stays as it is.
    await ctx.store.write((tx) => tx.policyGenerations.finish(ctx.accountId, jobId, { status: 'CANCELED', completedOn: ctx.now }));
    return {};
  },
};

export const POLICY_GENERATION_OPERATIONS: OperationTable = {
  StartPolicyGeneration: start,
  GetGeneratedPolicy: getGenerated,
  ListPolicyGenerations: list,
  CancelPolicyGeneration: cancel,
};
