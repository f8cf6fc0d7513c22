// Every migration, oldest first. Append only: an applied migration is never edited.
import { initialSchema } from './0001-initial-schema.js';
import type { Migration } from './migration.js';

export const ALL_MIGRATIONS: readonly Migration[] = [initialSchema];
