// Signing certificates (UploadSigningCertificate and friends): X.509 certificates of an IAM user or,
// when a root caller names no user, of the root user; two per user, unique in the account.

import type { CredentialStatus, SigningCertificate } from '../../../domain/credentials.js';
import { newSigningCertificateId } from '../../../domain/ids.js';
import { SIGNING_CERTIFICATES_PER_USER } from '../../../domain/quotas.js';
import { IamError } from '../../../protocol/errors.js';
import type { WireObject } from '../../../protocol/wire-value.js';
import { str } from '../../input.js';
import type { StoreTx } from '../../../storage/ports.js';
import type { OperationTable, ServiceContext } from '../../operation.js';
import { pageResult } from '../../paging.js';
import { ownerCheck } from './owner-check.js';
import { pageOf } from '../list-page.js';
import { isOutsideValidity, parseCertificate } from './pem.js';
import { noSuchUser, quotaExceeded } from '../errors.js';
import { settableStatus } from './status.js';
import { targetUserName } from '../users/operations.js';

const noSuchCertificate = (id: string): IamError => new IamError('NoSuchEntity', `The Certificate with id ${id} cannot be found.`);

function wireCertificate(c: SigningCertificate): WireObject {
  return {
    ...(c.userName !== null && { UserName: c.userName }),
    CertificateId: c.certificateId,
    CertificateBody: c.body,
    Status: c.status,
    UploadDate: c.uploadDate,
  };
}

const ownCheck = async (input: WireObject, ctx: ServiceContext) => [await ownerCheck(ctx, targetUserName(input, ctx))];

/** The named owner's certificate (null: the root user's); NoSuchEntity for anyone else's. */
async function ownedCertificate(tx: StoreTx, accountId: string, id: string, userName: string | null): Promise<SigningCertificate> {
  if (userName !== null && (await tx.users.get(accountId, userName)) === undefined) throw noSuchUser(userName);
  const cert = await tx.signingCertificates.get(accountId, id);
  if (cert === undefined || cert.userName?.toLowerCase() !== userName?.toLowerCase()) throw noSuchCertificate(id);
  return cert;
}

export const signingCertificateOperations: OperationTable = {
  UploadSigningCertificate: {
    checks: ownCheck,
    async run(input, ctx) {
      const userName = targetUserName(input, ctx) ?? null;
      const body = str(input, 'CertificateBody');
      const certificate = parseCertificate(body);
      // AWS: "The request was rejected because the certificate was malformed or expired."
      if (isOutsideValidity(certificate, ctx.now)) {
        throw new IamError('MalformedCertificate', 'The certificate is expired or not yet valid.');
      }
      const id = newSigningCertificateId(ctx.random);
      const created = await ctx.store.write(async (tx) => {
        let owner: string | null = null;
        if (userName !== null) {
          const user = await tx.users.get(ctx.accountId, userName);
          if (user === undefined) throw noSuchUser(userName);
          owner = user.name;
        }
        if ((await tx.signingCertificates.countForUser(ctx.accountId, owner)) >= SIGNING_CERTIFICATES_PER_USER) {
          // AWS names this quota CertificatesPerUser in the message (SigningCertificatesPerUserQuota in GetAccountSummary).
          throw quotaExceeded('CertificatesPerUser', SIGNING_CERTIFICATES_PER_USER);
        }
        if ((await tx.signingCertificates.findByBody(ctx.accountId, body)) !== undefined) {
          throw new IamError('DuplicateCertificate', 'The same certificate is already associated with an IAM user in the account.');
        }
        const cert: SigningCertificate = { accountId: ctx.accountId, certificateId: id, userName: owner, body, status: 'Active', uploadDate: ctx.now };
        await tx.signingCertificates.insert(cert);
        return cert;
      });
      return { Certificate: wireCertificate(created) };
    },
  },

  ListSigningCertificates: {
    checks: ownCheck,
    async run(input, ctx) {
      const userName = targetUserName(input, ctx) ?? null;
      const certs = await ctx.store.read(async (tx) => {
        if (userName !== null && (await tx.users.get(ctx.accountId, userName)) === undefined) throw noSuchUser(userName);
        return tx.signingCertificates.listForUser(ctx.accountId, userName);
      });
      const page = pageOf(certs, input);
      return { Certificates: page.items.map(wireCertificate), ...pageResult(page) };
    },
  },

  UpdateSigningCertificate: {
    checks: ownCheck,
    async run(input, ctx) {
      const status: CredentialStatus = settableStatus(input);
      const userName = targetUserName(input, ctx) ?? null;
      await ctx.store.write(async (tx) => {
        const cert = await ownedCertificate(tx, ctx.accountId, str(input, 'CertificateId'), userName);
        await tx.signingCertificates.updateStatus(ctx.accountId, cert.certificateId, status);
      });
      return undefined;
    },
  },

  DeleteSigningCertificate: {
    checks: ownCheck,
    async run(input, ctx) {
      const userName = targetUserName(input, ctx) ?? null;
      await ctx.store.write(async (tx) => {
        const cert = await ownedCertificate(tx, ctx.accountId, str(input, 'CertificateId'), userName);
        await tx.signingCertificates.delete(ctx.accountId, cert.certificateId);
      });
      return undefined;
    },
  },
};
