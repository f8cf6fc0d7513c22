// A service last accessed report as a job stores it (JSON) and as the Get actions answer it:
// the allowed services with their newest attempt, tracked actions for ACTION_LEVEL, and each
// covered user's or role's newest attempt per service for GetServiceLastAccessedDetailsWithEntities.

import type { AccessAdvisorGranularity, ActionLastAccess, LastAccess, ServiceLastAccess } from '../../../domain/access-advisor.js';
import type { WireObject } from '../../../protocol/wire-value.js';
import type { StoreTx } from '../../../storage/ports.js';
import type { AllowedService } from './services.js';
import type { ReportEntity } from './target.js';

/** One newest attempt; `entity` is the user or role ARN AWS reports. */
export interface StoredAccess {
  readonly at: string;
  readonly entity: string;
  readonly region: string;
}

export interface StoredService {
  readonly namespace: string;
  readonly name: string;
  readonly last?: StoredAccess;
  readonly total: number;
  /** ACTION_LEVEL, tracked services only: every allowed action, with its newest attempt if any. */
  readonly tracked?: ReadonlyArray<{ readonly action: string; readonly last?: StoredAccess }>;
}

export interface StoredReport {
  readonly services: readonly StoredService[];
  readonly entities: readonly ReportEntity[];
  /** Per attempted service: each entity's newest attempt. */
  readonly byService: Readonly<Record<string, ReadonlyArray<{ readonly arn: string; readonly at: string }>>>;
}

/** What the store knows about the attempts of a report's entities. */
export interface AccessSnapshot {
  readonly services: readonly ServiceLastAccess[];
  readonly byPrincipal: ReadonlyMap<string, readonly LastAccess[]>;
  readonly byAction: ReadonlyMap<string, readonly ActionLastAccess[]>;
}

export async function loadAccess(
  tx: StoreTx,
  accountId: string,
  principalArns: readonly string[],
  trackedNamespaces: readonly string[],
): Promise<AccessSnapshot> {
  if (principalArns.length === 0) return { services: [], byPrincipal: new Map(), byAction: new Map() };
  const services = await tx.serviceAccess.lastAccessByService(accountId, principalArns);
  const byPrincipal = new Map<string, readonly LastAccess[]>();
  const byAction = new Map<string, readonly ActionLastAccess[]>();
  for (const s of services) {
    byPrincipal.set(s.serviceNamespace, await tx.serviceAccess.lastAccessByPrincipal(accountId, principalArns, s.serviceNamespace));
    if (trackedNamespaces.includes(s.serviceNamespace)) {
      byAction.set(s.serviceNamespace, await tx.serviceAccess.lastAccessByAction(accountId, principalArns, s.serviceNamespace));
    }
  }
  return { services, byPrincipal, byAction };
}

function stored(access: LastAccess): StoredAccess {
  return { at: access.lastAccessed.toISOString(), entity: access.principalArn, region: access.region };
}

export interface BuildReportInput {
  readonly allowed: readonly AllowedService[];
  /** Allowed actions per tracked service, for ACTION_LEVEL; empty for SERVICE_LEVEL. */
  readonly trackedActions: ReadonlyMap<string, readonly string[]>;
  readonly access: AccessSnapshot;
  readonly entities: readonly ReportEntity[];
}

/** Only allowed services are listed, as AWS does; attempts on others (denied ones) are left out. */
export function buildReport(input: BuildReportInput): StoredReport {
  const accessBy = new Map(input.access.services.map((s) => [s.serviceNamespace, s]));
  const services = input.allowed.map((service): StoredService => {
    const access = accessBy.get(service.namespace);
    const actions = input.trackedActions.get(service.namespace);
    const byAction = new Map((input.access.byAction.get(service.namespace) ?? []).map((a) => [a.actionName.toLowerCase(), a]));
    return {
      namespace: service.namespace,
      name: service.name,
      ...(access !== undefined && { last: stored(access) }),
      total: access?.totalAuthenticatedEntities ?? 0,
      ...(actions !== undefined && {
        tracked: actions.map((action) => {
          const used = byAction.get(action.toLowerCase());
          return used === undefined ? { action } : { action, last: stored(used) };
        }),
      }),
    };
  });
  const byService: Record<string, Array<{ arn: string; at: string }>> = {};
  for (const service of services) {
    const rows = input.access.byPrincipal.get(service.namespace);
    if (rows !== undefined) byService[service.namespace] = rows.map((r) => ({ arn: r.principalArn, at: r.lastAccessed.toISOString() }));
  }
  return { services, entities: input.entities, byService };
}

export function parseStoredReport(json: string | undefined): StoredReport {
  return json === undefined ? { services: [], entities: [], byService: {} } : (JSON.parse(json) as StoredReport);
}

/** ServicesLastAccessed entries; TrackedActionsLastAccessed only in ACTION_LEVEL reports. */
export function wireService(service: StoredService, granularity: AccessAdvisorGranularity): WireObject {
  const last = service.last;
  return {
    ServiceName: service.name,
    ...(last !== undefined && { LastAuthenticated: new Date(last.at) }),
    ServiceNamespace: service.namespace,
    ...(last !== undefined && { LastAuthenticatedEntity: last.entity, LastAuthenticatedRegion: last.region }),
    TotalAuthenticatedEntities: service.total,
    ...(granularity === 'ACTION_LEVEL' &&
      service.tracked !== undefined && {
        TrackedActionsLastAccessed: service.tracked.map((t) => ({
          ActionName: t.action,
          ...(t.last !== undefined && {
            LastAccessedEntity: t.last.entity,
            LastAccessedTime: new Date(t.last.at),
            LastAccessedRegion: t.last.region,
          }),
        })),
      }),
  };
}

/**
 * EntityDetailsList for one service: every user or role the report covers (those that could
 * have used the permissions), newest attempt first, then those that made none, by ARN.
 */
export function entityDetails(report: StoredReport, namespace: string): Array<{ arn: string; wire: WireObject }> {
  const attempts = new Map((report.byService[namespace.toLowerCase()] ?? []).map((r) => [r.arn, r.at]));
  const rows = report.entities.map((e) => ({ entity: e, at: attempts.get(e.arn) }));
  rows.sort((a, b) => {
    if (a.at !== b.at) {
      if (a.at === undefined) return 1;
      if (b.at === undefined) return -1;
      return a.at < b.at ? 1 : -1;
    }
    return a.entity.arn < b.entity.arn ? -1 : a.entity.arn > b.entity.arn ? 1 : 0;
  });
  return rows.map(({ entity, at }) => ({
    arn: entity.arn,
    wire: {
      EntityInfo: { Arn: entity.arn, Name: entity.name, Type: entity.type, Id: entity.id, Path: entity.path },
      ...(at !== undefined && { LastAuthenticated: new Date(at) }),
    },
  }));
}
