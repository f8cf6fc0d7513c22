// Conformance cases for OIDC and SAML providers: found by exact ARN within an account.
import { describe, expect, it } from 'vitest';
import { EntityAlreadyExistsError } from '../errors.js';
import { makeOidcProvider, makeSamlProvider } from './credential-builders.js';
import { type Harness } from './harness.js';

export function providerCases(h: Harness): void {
  describe('OIDC providers', () => {
    it('round-trips, lists by ARN, counts and stays in its account', async () => {
      const account = await h.newAccount();
      const other = await h.newAccount();
      const b = makeOidcProvider(account, 'token.actions.githubusercontent.com');
      const a = makeOidcProvider(account, 'accounts.google.com', { clientIds: [], thumbprints: [], tags: [] });
      await h.store.write(async (tx) => {
        await tx.oidcProviders.insert(b);
        await tx.oidcProviders.insert(a);
      });
      await h.store.read(async (tx) => {
        expect(await tx.oidcProviders.get(account, b.arn)).toStrictEqual(b);
        expect(await tx.oidcProviders.list(account)).toStrictEqual([a, b]);
        expect(await tx.oidcProviders.count(account)).toBe(2);
        expect(await tx.oidcProviders.get(other, b.arn)).toBeUndefined();
        expect(await tx.oidcProviders.get(account, `${b.arn}/x`)).toBeUndefined();
        expect(await tx.oidcProviders.list(other)).toEqual([]);
      });
    });

    it('rejects a duplicate ARN, updates lists and tags, and deletes', async () => {
      const account = await h.newAccount();
      const p = makeOidcProvider(account, 'idp.example.com/tenant');
      await h.store.write((tx) => tx.oidcProviders.insert(p));
      const dup = h.store.write((tx) => tx.oidcProviders.insert({ ...p, clientIds: ['x'] }));
      await expect(dup).rejects.toBeInstanceOf(EntityAlreadyExistsError);
      await expect(dup).rejects.toMatchObject({ entity: 'oidc-provider', key: p.arn });
      const changed = { ...p, url: 'ignored', createDate: new Date(0), clientIds: ['b', 'a', 'b2'], thumbprints: ['f'.repeat(40)], tags: [] };
      expect(await h.store.write((tx) => tx.oidcProviders.update(changed))).toBe(true);
      expect(await h.store.read((tx) => tx.oidcProviders.get(account, p.arn))).toStrictEqual({
        ...changed,
        url: p.url,
        createDate: p.createDate,
      });
      await h.store.write(async (tx) => {
        expect(await tx.oidcProviders.delete(account, p.arn)).toBe(true);
        expect(await tx.oidcProviders.delete(account, p.arn)).toBe(false);
        expect(await tx.oidcProviders.update(p)).toBe(false);
      });
    });
  });

  describe('SAML providers', () => {
    it('round-trips with and without optional fields, lists by ARN and counts', async () => {
      const account = await h.newAccount();
      const other = await h.newAccount();
      const full = makeSamlProvider(account, 'Okta');
      const { validUntil: _v, assertionEncryptionMode: _m, ...bare } = makeSamlProvider(account, 'AzureAD', { tags: [] });
      await h.store.write(async (tx) => {
        await tx.samlProviders.insert(full);
        await tx.samlProviders.insert(bare);
      });
      await h.store.read(async (tx) => {
        expect(await tx.samlProviders.get(account, full.arn)).toStrictEqual(full);
        expect(await tx.samlProviders.list(account)).toStrictEqual([bare, full]);
        expect(await tx.samlProviders.count(account)).toBe(2);
        expect(await tx.samlProviders.get(other, full.arn)).toBeUndefined();
      });
    });

    it('rejects a duplicate ARN, updates the document, and deletes', async () => {
      const account = await h.newAccount();
      const p = makeSamlProvider(account, 'corp');
      await h.store.write((tx) => tx.samlProviders.insert(p));
      await expect(h.store.write((tx) => tx.samlProviders.insert(p))).rejects.toMatchObject({
        name: 'EntityAlreadyExistsError',
        entity: 'saml-provider',
      });
      const { validUntil: _v, ...rest } = p;
      const changed = { ...rest, metadataDocument: '<new/>', assertionEncryptionMode: 'Required' as const, tags: [{ key: 'a', value: 'b' }] };
      expect(await h.store.write((tx) => tx.samlProviders.update(changed))).toBe(true);
      expect(await h.store.read((tx) => tx.samlProviders.get(account, p.arn))).toStrictEqual(changed);
      await h.store.write(async (tx) => {
        expect(await tx.samlProviders.delete(account, p.arn)).toBe(true);
        expect(await tx.samlProviders.delete(account, p.arn)).toBe(false);
        expect(await tx.samlProviders.count(account)).toBe(0);
      });
    });
  });
}
