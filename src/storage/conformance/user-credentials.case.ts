// Conformance cases for signing certificates, SSH public keys and service-specific
// credentials: ids, owners (root where allowed), status, listing and DeleteUser blocking.
import { describe, expect, it } from 'vitest';
import { ConstraintViolationError, EntityAlreadyExistsError } from '../errors.js';
import { makeServiceCredential, makeSigningCertificate, makeSshPublicKey } from './credential-builders.js';
import { at, collectPages, makeUser, type Harness } from './harness.js';

export function userCredentialCases(h: Harness): void {
  describe('signing certificates', () => {
    it('round-trips user and root certificates, kept apart, oldest first', async () => {
      const account = await h.newAccount();
      await h.store.write((tx) => tx.users.insert(makeUser(account, 'Alice')));
      const root = makeSigningCertificate(account, null, { status: 'Inactive' });
      const newer = makeSigningCertificate(account, 'Alice', { uploadDate: at(9) });
      const older = makeSigningCertificate(account, 'Alice', { uploadDate: at(1) });
      await h.store.write(async (tx) => {
        for (const c of [root, newer, older]) await tx.signingCertificates.insert(c);
      });
      await h.store.read(async (tx) => {
        expect(await tx.signingCertificates.get(account, root.certificateId)).toStrictEqual(root);
        expect(await tx.signingCertificates.listForUser(account, 'alice')).toStrictEqual([older, newer]);
        expect(await tx.signingCertificates.listForUser(account, null)).toStrictEqual([root]);
        expect(await tx.signingCertificates.countForUser(account, null)).toBe(1);
        expect(await tx.signingCertificates.countForUser(account, 'ALICE')).toBe(2);
        expect(await tx.signingCertificates.findByBody(account, older.body)).toStrictEqual(older);
        expect(await tx.signingCertificates.findByBody(account, 'other')).toBeUndefined();
      });
    });

    it('rejects a duplicate id and an unknown user; updates status; deletes; blocks DeleteUser', async () => {
      const account = await h.newAccount();
      const other = await h.newAccount();
      await h.store.write((tx) => tx.users.insert(makeUser(account, 'bob')));
      const cert = makeSigningCertificate(account, 'bob');
      await h.store.write((tx) => tx.signingCertificates.insert(cert));
      const dup = h.store.write((tx) => tx.signingCertificates.insert({ ...cert, userName: null }));
      await expect(dup).rejects.toMatchObject({ name: 'EntityAlreadyExistsError', entity: 'signing-certificate', key: cert.certificateId });
      const orphan = h.store.write((tx) => tx.signingCertificates.insert(makeSigningCertificate(account, 'ghost')));
      await expect(orphan).rejects.toBeInstanceOf(ConstraintViolationError);
      await expect(h.store.write((tx) => tx.users.delete(account, 'bob'))).rejects.toBeInstanceOf(ConstraintViolationError);
      await h.store.write(async (tx) => {
        expect(await tx.signingCertificates.get(other, cert.certificateId)).toBeUndefined();
        expect(await tx.signingCertificates.updateStatus(other, cert.certificateId, 'Inactive')).toBe(false);
        expect(await tx.signingCertificates.updateStatus(account, cert.certificateId, 'Inactive')).toBe(true);
      });
      expect((await h.store.read((tx) => tx.signingCertificates.get(account, cert.certificateId)))?.status).toBe('Inactive');
      await h.store.write(async (tx) => {
        expect(await tx.signingCertificates.delete(other, cert.certificateId)).toBe(false);
        expect(await tx.signingCertificates.delete(account, cert.certificateId)).toBe(true);
        expect(await tx.signingCertificates.delete(account, cert.certificateId)).toBe(false);
        expect(await tx.users.delete(account, 'bob')).toBe(true);
      });
    });
  });

  describe('SSH public keys', () => {
    it('round-trips, follows renames, updates status, deletes and blocks DeleteUser', async () => {
      const account = await h.newAccount();
      const user = makeUser(account, 'carol');
      const first = makeSshPublicKey(account, 'carol', { uploadDate: at(1) });
      const second = makeSshPublicKey(account, 'carol', { uploadDate: at(2), status: 'Inactive' });
      await h.store.write(async (tx) => {
        await tx.users.insert(user);
        await tx.sshPublicKeys.insert(second);
        await tx.sshPublicKeys.insert(first);
      });
      await h.store.read(async (tx) => {
        expect(await tx.sshPublicKeys.get(account, first.sshPublicKeyId)).toStrictEqual(first);
        expect(await tx.sshPublicKeys.listForUser(account, 'CAROL')).toStrictEqual([first, second]);
        expect(await tx.sshPublicKeys.countForUser(account, 'carol')).toBe(2);
        expect(await tx.sshPublicKeys.listForUser(account, 'ghost')).toEqual([]);
      });
      await expect(h.store.write((tx) => tx.sshPublicKeys.insert(first))).rejects.toBeInstanceOf(EntityAlreadyExistsError);
      await expect(h.store.write((tx) => tx.sshPublicKeys.insert(makeSshPublicKey(account, 'ghost')))).rejects.toBeInstanceOf(
        ConstraintViolationError,
      );
      await h.store.write(async (tx) => {
        await tx.users.update({ ...user, name: 'Caroline' });
        expect(await tx.sshPublicKeys.updateStatus(account, first.sshPublicKeyId, 'Inactive')).toBe(true);
      });
      expect(await h.store.read((tx) => tx.sshPublicKeys.get(account, first.sshPublicKeyId))).toStrictEqual({
        ...first,
        userName: 'Caroline',
        status: 'Inactive',
      });
      await expect(h.store.write((tx) => tx.users.delete(account, 'caroline'))).rejects.toBeInstanceOf(ConstraintViolationError);
      await h.store.write(async (tx) => {
        expect(await tx.sshPublicKeys.delete(account, first.sshPublicKeyId)).toBe(true);
        expect(await tx.sshPublicKeys.delete(account, second.sshPublicKeyId)).toBe(true);
        expect(await tx.users.delete(account, 'caroline')).toBe(true);
      });
    });
  });

  describe('service-specific credentials', () => {
    it('round-trips with and without optional fields, per user and per service', async () => {
      const account = await h.newAccount();
      await h.store.write((tx) => tx.users.insert(makeUser(account, 'dave')));
      const full = makeServiceCredential(account, 'dave', { createDate: at(2) });
      const { serviceUserName: _n, serviceCredentialAlias: _a, expirationDate: _e, ...bare } = makeServiceCredential(account, 'dave', {
        serviceName: 'bedrock.amazonaws.com',
        createDate: at(1),
      });
      await h.store.write(async (tx) => {
        await tx.serviceSpecificCredentials.insert(full);
        await tx.serviceSpecificCredentials.insert(bare);
      });
      await h.store.read(async (tx) => {
        const c = tx.serviceSpecificCredentials;
        expect(await c.get(account, full.serviceSpecificCredentialId)).toStrictEqual(full);
        expect(await c.get(account, bare.serviceSpecificCredentialId)).toStrictEqual(bare);
        expect(await c.listForUser(account, 'DAVE')).toStrictEqual([bare, full]);
        expect(await c.listForUserAndService(account, 'dave', 'codecommit.amazonaws.com')).toStrictEqual([full]);
        expect(await c.countForUserAndService(account, 'Dave', 'bedrock.amazonaws.com')).toBe(1);
        expect(await c.countForUserAndService(account, 'dave', 'cassandra.amazonaws.com')).toBe(0);
        expect(await c.countForUser(account, 'dave')).toBe(2);
      });
    });

    it('resets the secret, updates status, deletes, and blocks DeleteUser', async () => {
      const account = await h.newAccount();
      await h.store.write((tx) => tx.users.insert(makeUser(account, 'erin')));
      const cred = makeServiceCredential(account, 'erin');
      await h.store.write((tx) => tx.serviceSpecificCredentials.insert(cred));
      await expect(h.store.write((tx) => tx.serviceSpecificCredentials.insert(cred))).rejects.toMatchObject({
        name: 'EntityAlreadyExistsError',
        entity: 'service-specific-credential',
      });
      await h.store.write(async (tx) => {
        expect(await tx.serviceSpecificCredentials.updateSecret(account, cred.serviceSpecificCredentialId, 'sealed:new')).toBe(true);
        expect(await tx.serviceSpecificCredentials.updateStatus(account, cred.serviceSpecificCredentialId, 'Inactive')).toBe(true);
        expect(await tx.serviceSpecificCredentials.updateSecret(account, 'ACCAGHOSTGHOSTGHOST2', 'x')).toBe(false);
      });
      expect(await h.store.read((tx) => tx.serviceSpecificCredentials.get(account, cred.serviceSpecificCredentialId))).toStrictEqual({
        ...cred,
        sealedSecret: 'sealed:new',
        status: 'Inactive',
      });
      await expect(h.store.write((tx) => tx.users.delete(account, 'erin'))).rejects.toBeInstanceOf(ConstraintViolationError);
      await h.store.write(async (tx) => {
        expect(await tx.serviceSpecificCredentials.delete(account, cred.serviceSpecificCredentialId)).toBe(true);
        expect(await tx.users.delete(account, 'erin')).toBe(true);
      });
    });

    it('lists every user\'s credentials by user then id, filtered by service, and paginates', async () => {
      const account = await h.newAccount();
      const creds = await h.store.write(async (tx) => {
        const made = [];
        for (const name of ['zed', 'Amy', 'bo']) {
          await tx.users.insert(makeUser(account, name));
          for (const service of ['codecommit.amazonaws.com', 'cassandra.amazonaws.com']) {
            const c = makeServiceCredential(account, name, { serviceName: service });
            await tx.serviceSpecificCredentials.insert(c);
            made.push(c);
          }
        }
        return made;
      });
      const order = (a: (typeof creds)[number], b: (typeof creds)[number]): number => {
        const ka = `${a.userName.toLowerCase()} ${a.serviceSpecificCredentialId}`;
        const kb = `${b.userName.toLowerCase()} ${b.serviceSpecificCredentialId}`;
        return ka < kb ? -1 : ka > kb ? 1 : 0;
      };
      const paged = await collectPages((after) =>
        h.store.read((tx) => tx.serviceSpecificCredentials.listAll({ accountId: account, limit: 4, ...(after ? { after } : {}) })),
      );
      expect(paged.items).toStrictEqual([...creds].sort(order));
      expect(paged.pages).toBe(2);
      const cassandra = await h.store.read((tx) =>
        tx.serviceSpecificCredentials.listAll({ accountId: account, serviceName: 'cassandra.amazonaws.com', limit: 10 }),
      );
      expect(cassandra.items.map((c) => c.userName)).toEqual(['Amy', 'bo', 'zed']);
      expect(cassandra.nextAfter).toBeUndefined();
    });
  });
}
