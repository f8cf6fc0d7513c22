import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionResourceTypes } from '../../services/iam/simulator/resource-types.js';
import { allowedServices } from '../../services/iam/access-advisor/services.js';
import { parsePolicy } from '../../policy/document/parse-policy.js';
import { openSqliteStore } from '../../storage/sqlite/sqlite-store.js';
import type { Store } from '../../storage/ports.js';
import { loadServiceDirectory } from '../definition-store.js';
import { DefinedServices } from './defined-services.js';
import {
  catalogueAction,
  catalogueServiceKeys,
  conditionKeyTypes,
  expandActionPattern,
  unknownActions,
  useDefinedServices,
} from './service-catalogue.js';

const EXAMPLE = new URL('../../../examples/notes-service/notes.service.json', import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'keyward-catalogue-'));
let store: Store;

beforeAll(async () => {
  store = await openSqliteStore(join(dir, 'store.db'));
  useDefinedServices(new DefinedServices(store));
});
afterAll(async () => {
  useDefinedServices(undefined);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the catalogue with defined services', () => {
  it('knows a service only once its definition is stored, and forgets it when deleted', async () => {
    expect(await expandActionPattern('notes:Send*')).toEqual([]);
    const services = join(dir, 'services');
    rmSync(services, { recursive: true, force: true });
    mkdirSync(services, { recursive: true });
    copyFileSync(EXAMPLE, join(services, 'notes.json'));
    // `--services DIR` at start: loads, and loading again replaces.
    expect(await loadServiceDirectory(store, services, '111122223333', new Date())).toMatchObject([{ prefix: 'notes', outcome: 'created' }]);
    expect(await loadServiceDirectory(store, services, '111122223333', new Date())).toMatchObject([{ prefix: 'notes', outcome: 'updated' }]);

    expect(await expandActionPattern('notes:Send*')).toEqual(['notes:SendNote', 'notes:SendNoteBatch']);
    expect(await expandActionPattern('NOTES:get*')).toEqual(['notes:GetNote']);
    expect(await expandActionPattern('sqs:Send*')).toEqual(['sqs:SendMessage']);
    expect(await unknownActions(['notes:Fooo', 'notes:Get*', 's3:GetObject', 's3:NoSuchThing', 'unknownsvc:X', '*'])).toEqual(['notes:Fooo', 's3:NoSuchThing']);
    expect(await conditionKeyTypes('notes:Size')).toEqual(['Numeric']);
    expect(await conditionKeyTypes('notes:Visibility')).toEqual(['String']);
    expect(await conditionKeyTypes('notes:Nope')).toBeUndefined();
    expect(await catalogueServiceKeys()).toEqual(expect.arrayContaining(['notes', 's3', 'iam']));
    expect(await catalogueAction('notes:getnote')).toMatchObject({ name: 'notes:GetNote', accessLevel: 'Read' });

    // The simulator's resource types follow the definition.
    const types = await actionResourceTypes('notes:GetNote');
    expect(types.fits('arn:aws:notes::111122223333:note/alice/n1')).toBe(true);
    expect(types.fits('arn:aws:s3:::bucket/key')).toBe(false);

    // Access advisor lists the defined service for a policy that allows one of its actions.
    const policy = parsePolicy('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"notes:Get*","Resource":"*"}]}', { kind: 'identity' });
    if (!policy.ok) throw new Error('bad test policy');
    expect((await allowedServices([policy.document])).map((s) => s.namespace)).toEqual(['notes']);

    await store.write((tx) => tx.serviceDefinitions.delete('notes'));
    expect(await expandActionPattern('notes:Send*')).toEqual([]);
    expect((await actionResourceTypes('notes:GetNote')).fits('arn:aws:s3:::bucket/key')).toBe(true);
  });

  it('refuses a directory with an invalid definition, naming the file and the JSON path, and stores nothing', async () => {
    const services = join(dir, 'bad');
    mkdirSync(services, { recursive: true });
    copyFileSync(EXAMPLE, join(services, 'a-notes.json'));
    writeFileSync(join(services, 'b-queue.json'), JSON.stringify({ Name: 'queue', Actions: [{ Name: 'Send', AccessLevel: 'Loud' }], Signing: { Hosts: ['q'] } }));
    await expect(loadServiceDirectory(store, services, '111122223333', new Date())).rejects.toThrow(/b-queue\.json: \$\.Actions\[0\]\.AccessLevel: must be one of/);
    expect(await store.read((tx) => tx.serviceDefinitions.get('notes'))).toBeUndefined();
  });
});
