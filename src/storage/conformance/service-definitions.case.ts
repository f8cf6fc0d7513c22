// Conformance cases for service definitions: global by prefix, unique by prefix and by
// signing name, the document text kept byte for byte.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { StoredServiceDefinition } from '../authorize-repositories.js';
import { EntityAlreadyExistsError } from '../errors.js';
import { at, TRICKY_DOCUMENT, type Harness } from './harness.js';

/** Definitions are global: each test takes prefixes no other run uses. */
const fresh = (): string => `svc-${randomBytes(6).toString('hex')}`;

function make(accountId: string, prefix: string, extra: Partial<StoredServiceDefinition> = {}): StoredServiceDefinition {
  return { prefix, signingName: prefix, accountId, document: TRICKY_DOCUMENT, createDate: at(1), updateDate: at(1), ...extra };
}

export function serviceDefinitionCases(h: Harness): void {
  describe('service definitions', () => {
    it('round-trips, lists by prefix and deletes', async () => {
      const account = await h.newAccount();
      const [a, b] = [fresh(), fresh()].sort();
      const second = make(account, b!, { signingName: `${b!}-sig` });
      const first = make(account, a!);
      await h.store.write(async (tx) => {
        await tx.serviceDefinitions.insert(second);
        await tx.serviceDefinitions.insert(first);
      });
      await h.store.read(async (tx) => {
        expect(await tx.serviceDefinitions.get(a!)).toStrictEqual(first);
        expect(await tx.serviceDefinitions.get(b!)).toStrictEqual(second);
        expect(await tx.serviceDefinitions.get(`${a!}x`)).toBeUndefined();
        const mine = (await tx.serviceDefinitions.list()).filter((d) => d.prefix === a || d.prefix === b);
        expect(mine).toStrictEqual([first, second]);
      });
      await h.store.write(async (tx) => {
        expect(await tx.serviceDefinitions.delete(a!)).toBe(true);
        expect(await tx.serviceDefinitions.delete(a!)).toBe(false);
      });
      expect(await h.store.read((tx) => tx.serviceDefinitions.get(a!))).toBeUndefined();
    });

    it('refuses a taken prefix or signing name, and updates in place', async () => {
      const account = await h.newAccount();
      const prefix = fresh();
      const other = fresh();
      const d = make(account, prefix);
      await h.store.write((tx) => tx.serviceDefinitions.insert(d));
      const dup = h.store.write((tx) => tx.serviceDefinitions.insert({ ...d, signingName: `${prefix}-2` }));
      await expect(dup).rejects.toBeInstanceOf(EntityAlreadyExistsError);
      await expect(dup).rejects.toMatchObject({ entity: 'service-definition', key: prefix });
      const stolen = h.store.write((tx) => tx.serviceDefinitions.insert(make(account, other, { signingName: prefix })));
      await expect(stolen).rejects.toMatchObject({ entity: 'service-definition', key: prefix });
      expect(await h.store.read((tx) => tx.serviceDefinitions.get(other))).toBeUndefined();

      const changed = { ...d, document: '{"Name":"x"}', signingName: `${prefix}-new`, updateDate: at(99), createDate: at(50) };
      expect(await h.store.write((tx) => tx.serviceDefinitions.update(changed))).toBe(true);
      // The creation date and owner never change.
      expect(await h.store.read((tx) => tx.serviceDefinitions.get(prefix))).toStrictEqual({ ...changed, createDate: d.createDate });
      expect(await h.store.write((tx) => tx.serviceDefinitions.update(make(account, other)))).toBe(false);
    });

    it('a failed write leaves nothing behind', async () => {
      const account = await h.newAccount();
      const prefix = fresh();
      const attempt = h.store.write(async (tx) => {
        await tx.serviceDefinitions.insert(make(account, prefix));
        throw new Error('abort');
      });
      await expect(attempt).rejects.toThrow('abort');
      expect(await h.store.read((tx) => tx.serviceDefinitions.get(prefix))).toBeUndefined();
    });
  });
}
