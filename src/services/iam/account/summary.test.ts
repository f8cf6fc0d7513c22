// GetAccountSummary's credential and provider counts, read from a real (SQLite) store.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  makeMfaDevice,
  makeOidcProvider,
  makeSamlProvider,
  makeServerCertificate,
  makeSigningCertificate,
} from '../../../storage/conformance/credential-builders.js';
import { openStore } from '../../../storage/open-store.js';
import type { Store } from '../../../storage/ports.js';
import { accountSummary } from './summary.js';

const ACCOUNT = '123456789012';
const T0 = new Date('2025-01-01T00:00:00Z');

let dir: string;
let store: Store;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'keyward-summary-'));
  store = await openStore({ kind: 'sqlite', file: join(dir, 'keyward.db') });
  await store.write((tx) => tx.accounts.insert({ id: ACCOUNT, createdAt: T0, settings: {} }));
});

afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('accountSummary', () => {
  it('is all zero for an empty account', async () => {
    const map = await store.read((tx) => accountSummary(tx, ACCOUNT));
    expect(map).toMatchObject({
      MFADevices: 0,
      MFADevicesInUse: 0,
      AccountMFAEnabled: 0,
      ServerCertificates: 0,
      AccountSigningCertificatesPresent: 0,
      Providers: 0,
    });
    expect(map).not.toHaveProperty('AccountPasswordPresent');
  });

  it('counts MFA devices, root MFA, server certificates, root signing certificates and providers', async () => {
    await store.write(async (tx) => {
      await tx.mfaDevices.insert(makeMfaDevice(ACCOUNT, 'root-device', { assignment: { userName: null, enableDate: T0 } }));
      await tx.mfaDevices.insert(makeMfaDevice(ACCOUNT, 'spare'));
      await tx.serverCertificates.insert(makeServerCertificate(ACCOUNT, 'web'));
      await tx.signingCertificates.insert(makeSigningCertificate(ACCOUNT, null));
      await tx.samlProviders.insert(makeSamlProvider(ACCOUNT, 'corp'));
      await tx.oidcProviders.insert(makeOidcProvider(ACCOUNT, 'token.actions.githubusercontent.com'));
    });
    const map = await store.read((tx) => accountSummary(tx, ACCOUNT));
    expect(map).toMatchObject({
      MFADevices: 2,
      MFADevicesInUse: 1,
      AccountMFAEnabled: 1,
      ServerCertificates: 1,
      AccountSigningCertificatesPresent: 1,
      Providers: 2,
    });
  });
});
