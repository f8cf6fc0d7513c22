// The audit trail writes one resources row per resource an event names, and every index on
// that table is paid at each append. Pruning deletes resources by event id (the primary
// key), never by time, so the resources' time index served no query: it goes.
import type { Migration } from './migration.js';

export const auditIndexTrim: Migration = {
  version: 11,
  name: 'audit-index-trim',
  statements: ['DROP INDEX IF EXISTS audit_event_resources_pruning'],
};
