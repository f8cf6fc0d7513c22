// IAM access advisor: GenerateServiceLastAccessedDetails computes, from the attempts the server
// records, which allowed services a user, group, role or managed policy's entities used; the
// job completes inside the call and the Get actions page through its stored result.

import type { AccessAdvisorGranularity, ServiceLastAccessedJob } from '../../../domain/access-advisor.js';
import type { Tag } from '../../../domain/entities.js';
import type { Random } from '../../../domain/random.js';
import { parsePolicy } from '../../../policy/document/parse-policy.js';
import type { PolicyDocument } from '../../../policy/document/types.js';
import { IamError } from '../../../protocol/errors.js';
import type { WireObject } from '../../../protocol/wire-value.js';
import { optStr, str } from '../../input.js';
import type { OperationTable, ServiceContext } from '../../operation.js';
import { pageRequest, pageResult } from '../../paging.js';
import { buildReport, entityDetails, loadAccess, parseStoredReport, wireService } from './report.js';
import { ACTION_TRACKED_SERVICES, allowedActions, allowedServices } from './services.js';
import { definedServicePrefixes } from '../../../authorize/catalogue/service-catalogue.js';
import { loadReportInputs, reportTargetRef, targetTags } from './target.js';
import { resourceTagKeys } from '../tag-keys.js';

/** Finished jobs are kept this long, then pruned by later Generate calls. */
const JOB_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

/** A random (version 4) UUID: AWS's job ids are 36 characters. */
function newJobId(random: Random): string {
  const b = random.bytes(16);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = Buffer.from(b).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function noSuchJob(jobId: string): IamError {
  return new IamError('NoSuchEntity', `No job found with id ${jobId}.`);
}

async function mustGetJob(ctx: ServiceContext, jobId: string): Promise<ServiceLastAccessedJob> {
  const job = await ctx.store.read((tx) => tx.serviceLastAccessedJobs.get(ctx.accountId, jobId));
  if (job === undefined) throw noSuchJob(jobId);
  return job;
}

/** Marker/MaxItems over a stored list: the marker is the key of the last item returned. */
function pageOf<T>(items: readonly T[], key: (item: T) => string, input: WireObject): { items: T[]; IsTruncated: boolean; Marker?: string } {
  const { after, limit } = pageRequest(input);
  const start = after === undefined ? 0 : items.findIndex((item) => key(item) === after) + 1;
  const slice = items.slice(start, start + limit);
  const last = slice[slice.length - 1];
  const more = start + limit < items.length && last !== undefined;
  return { items: slice, ...pageResult(more ? { items: slice, nextAfter: key(last) } : { items: slice }) };
}

/** The job's status fields, as both Get actions start their answers. */
function jobHeader(job: ServiceLastAccessedJob): WireObject {
  return {
    JobStatus: job.status,
    JobCreationDate: job.creationDate,
    ...(job.completionDate !== undefined && { JobCompletionDate: job.completionDate }),
    ...(job.error !== undefined && { Error: { Message: job.error.message, Code: job.error.code } }),
  };
}

function parsedDocuments(texts: readonly string[]): PolicyDocument[] {
  const out: PolicyDocument[] = [];
  for (const text of texts) {
    const parsed = parsePolicy(text, { kind: 'identity' });
    if (parsed.ok) out.push(parsed.document);
  }
  return out;
}

export const accessAdvisorOperations: OperationTable = {
  GenerateServiceLastAccessedDetails: {
    readsUsage: true,
    async checks(input, ctx) {
      const arn = str(input, 'Arn');
      let tags: readonly Tag[] | undefined;
      try {
        const ref = reportTargetRef(arn, ctx.accountId);
        tags = await ctx.store.read((tx) => targetTags(tx, ctx.accountId, ref));
      } catch {
        // Not a user, group, role or policy ARN: authorize against it as given; run() refuses it.
      }
      return [{ resource: arn, keys: resourceTagKeys(tags) }];
    },
    async run(input, ctx) {
      const target = reportTargetRef(str(input, 'Arn'), ctx.accountId);
      const granularity: AccessAdvisorGranularity = optStr(input, 'Granularity') === 'ACTION_LEVEL' ? 'ACTION_LEVEL' : 'SERVICE_LEVEL';
      const tracked = granularity === 'ACTION_LEVEL' ? [...ACTION_TRACKED_SERVICES, ...(await definedServicePrefixes())] : [];
      // One snapshot of the target and its attempts; the job row is written afterwards.
      const { inputs, access } = await ctx.store.read(async (tx) => {
        const inputs = await loadReportInputs(tx, ctx.accountId, target);
        const access = await loadAccess(tx, ctx.accountId, inputs.entities.map((e) => e.arn), tracked);
        return { inputs, access };
      });
      const documents = parsedDocuments(inputs.documents);
      const allowed = await allowedServices(documents);
      const trackedActions = new Map<string, readonly string[]>();
      for (const namespace of tracked) {
        if (allowed.some((s) => s.namespace === namespace)) trackedActions.set(namespace, await allowedActions(documents, namespace));
      }
      const report = buildReport({ allowed, trackedActions, access, entities: inputs.entities });
      const job: ServiceLastAccessedJob = {
        accountId: ctx.accountId,
        jobId: newJobId(ctx.random),
        entityArn: target.arn,
        granularity,
        status: 'COMPLETED',
        creationDate: ctx.now,
        completionDate: ctx.now,
        resultJson: JSON.stringify(report),
      };
      await ctx.store.write(async (tx) => {
        await tx.serviceLastAccessedJobs.deleteCreatedBefore(ctx.accountId, new Date(ctx.now.getTime() - JOB_RETENTION_MS));
        await tx.serviceLastAccessedJobs.insert(job);
      });
      return { JobId: job.jobId };
    },
  },

  GetServiceLastAccessedDetails: {
    checks: () => [{ resource: '*' }],
    async run(input, ctx) {
      const job = await mustGetJob(ctx, str(input, 'JobId'));
      const report = parseStoredReport(job.resultJson);
      const page = pageOf(report.services, (s) => s.namespace, input);
      const { items, ...paging } = page;
      return {
        ...jobHeader(job),
        JobType: job.granularity,
        ServicesLastAccessed: items.map((s) => wireService(s, job.granularity)),
        ...paging,
      };
    },
  },

  GetServiceLastAccessedDetailsWithEntities: {
    checks: () => [{ resource: '*' }],
    async run(input, ctx) {
      const job = await mustGetJob(ctx, str(input, 'JobId'));
      const report = parseStoredReport(job.resultJson);
      const page = pageOf(entityDetails(report, str(input, 'ServiceNamespace')), (e) => e.arn, input);
      const { items, ...paging } = page;
      return { ...jobHeader(job), EntityDetailsList: items.map((e) => e.wire), ...paging };
    },
  },
};
