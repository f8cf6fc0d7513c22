// Reading a simulation request the way AWS validates it: action names, resource ARNs, the
// policy lists, ResourceOwner, CallerArn with a resource policy, and the result Marker,
// each refused with AWS's InvalidInput message.

import { IamError } from '../../../protocol/errors.js';
import type { WireObject } from '../../../protocol/wire-value.js';
import { optInt, optStr, strList } from '../../input.js';
import type { SimulatedCaller } from './caller.js';
import type { SimulationPolicies } from './policies.js';

const invalid = (message: string): IamError => new IamError('InvalidInput', message);

const ARN = /^arn:[^:]+:[^:]+:[^:]*:[^:]*:.+$/;
const OWNER = /^arn:[^:]+:iam::(\d{12}):.+$/;

/** ActionNames, in order (duplicates kept); each must name a service. */
export function readActions(input: WireObject): string[] {
  const actions = strList(input, 'ActionNames');
  if (actions.some((a) => !a.includes(':'))) throw invalid('The action is invalid since it is missing names');
  return actions;
}

/** ResourceArns, or undefined when not given (the simulation is then on `*`). */
export function readResources(input: WireObject): string[] | undefined {
  if (input.ResourceArns === undefined) return undefined;
  const resources = strList(input, 'ResourceArns');
  if (resources.length > MAX_SIMULATED_RESOURCES) {
    throw invalid(`The list of ResourceArns cannot exceed ${MAX_SIMULATED_RESOURCES} items.`);
  }
  const bad = resources.find((r) => r !== '*' && !ARN.test(r));
  if (bad !== undefined) throw invalid(`ResourceNames are not in a valid ARN format: ${bad}.`);
  return resources;
}

/** The account of ResourceOwner (an IAM ARN such as `arn:aws:iam::123456789012:root`). */
export function readResourceOwner(input: WireObject): string | undefined {
  const owner = optStr(input, 'ResourceOwner');
  if (owner === undefined) return undefined;
  const m = OWNER.exec(owner);
  if (m === null) throw invalid(`'${owner}' is not a valid as a Resource Owner.`);
  return m[1];
}

export function checkBoundaryCount(input: WireObject): void {
  if (strList(input, 'PermissionsBoundaryPolicyInputList').length > 1) {
    throw invalid('The list of Permissions Boundary policies cannot exceed 1 items.');
  }
}

/** Adds PolicyInputList (as `PolicyInputList.N`) and the boundary override, refusing invalid documents. */
export function addInputPolicies(policies: SimulationPolicies, input: WireObject): void {
  strList(input, 'PolicyInputList').forEach((text, i) => {
    if (!policies.add('identity', { sourceId: `PolicyInputList.${i + 1}`, text })) {
      throw invalid(`Policy input list item ${i + 1} has invalid content`);
    }
  });
  const boundary = strList(input, 'PermissionsBoundaryPolicyInputList')[0];
  if (boundary !== undefined && !policies.add('boundary', { sourceId: 'PermissionsBoundaryPolicyInputList.1', text: boundary })) {
    throw invalid('Permissions boundary policy input list item 1 has invalid content');
  }
}

/** The resource policy, if any; it needs a named caller and ARN-scoped resources on both sides. */
export function addResourcePolicy(
  policies: SimulationPolicies,
  input: WireObject,
  caller: SimulatedCaller,
  resources: readonly string[] | undefined,
): void {
  const text = optStr(input, 'ResourcePolicy');
  if (text === undefined) return;
  if (!caller.named) throw invalid('Invalid caller - Caller cannot be null or empty.');
  if (resources === undefined || resources.includes('*')) {
    throw invalid('Invalid Entity Arn: * does not clearly define entity type and name.');
  }
  if (!policies.add('resource', { sourceId: 'ResourcePolicy', text })) throw invalid('Resource policy has invalid content');
  const doc = policies.documents()[policies.documents().length - 1];
  if (doc?.statements.some((st) => [...(st.resource ?? []), ...(st.notResource ?? [])].includes('*'))) {
    throw invalid('ResourceNames are not in a valid ARN format: *.');
  }
}

export interface ResultPage {
  readonly start: number;
  readonly end: number;
}

/** The slice of actions this call answers; MaxItems defaults to 100. */
/** At most this many (action, resource) evaluations per page, so one request cannot tie up the server. */
export const EVALUATIONS_PER_PAGE = 1000;
/** At most this many ResourceArns in one simulation. */
export const MAX_SIMULATED_RESOURCES = 1000;

/** A page of actions; with many resources the page shrinks so it stays within EVALUATIONS_PER_PAGE. */
export function readPage(input: WireObject, total: number, resourceCount = 1): ResultPage {
  const marker = optStr(input, 'Marker');
  let start = 0;
  if (marker !== undefined) {
    const decoded = Buffer.from(marker, 'base64url').toString('utf8');
    if (!/^sim:\d{1,9}$/.test(decoded) || Buffer.from(decoded, 'utf8').toString('base64url') !== marker) {
      throw invalid('Invalid marker for pagination.');
    }
    start = Number(decoded.slice(4));
  }
  const requested = optInt(input, 'MaxItems') ?? 100;
  const limit = Math.max(1, Math.min(requested, Math.floor(EVALUATIONS_PER_PAGE / Math.max(1, resourceCount))));
  return { start: Math.min(start, total), end: Math.min(start + limit, total) };
}

export function pageMarker(end: number, total: number): { IsTruncated: boolean; Marker?: string } {
  return end < total ? { IsTruncated: true, Marker: Buffer.from(`sim:${end}`, 'utf8').toString('base64url') } : { IsTruncated: false };
}
