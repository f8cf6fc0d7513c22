// IAM credential report: GenerateCredentialReport builds the account's CSV at most once every
// four hours (a younger report is kept); GetCredentialReport returns it base64-encoded until
// it is four hours old, when it has expired and must be generated again.

import type { CredentialReport } from '../../../domain/credential-report.js';
import { IamError } from '../../../protocol/errors.js';
import type { OperationTable } from '../../operation.js';
import { credentialReportCsv } from './csv.js';
import { credentialSubjects } from './subjects.js';

/** AWS regenerates a report only when the last one is older than this. */
export const CREDENTIAL_REPORT_LIFETIME_MS = 4 * 60 * 60 * 1000;

const NEW_REPORT_DESCRIPTION = 'No report exists. Starting a new report generation task';

function isFresh(report: CredentialReport, now: Date): boolean {
  const generated = report.generatedTime ?? report.startedDate;
  return now.getTime() - generated.getTime() < CREDENTIAL_REPORT_LIFETIME_MS;
}

// The messages are the API reference's descriptions of the errors.
const notPresent = (): IamError =>
  new IamError(
    'ReportNotPresent',
    'The request was rejected because the credential report does not exist. To generate a credential report, use GenerateCredentialReport.',
  );
const expired = (): IamError =>
  new IamError(
    'ReportExpired',
    'The request was rejected because the most recent credential report has expired. To generate a new credential report, use GenerateCredentialReport.',
  );
const inProgress = (): IamError =>
  new IamError('ReportInProgress', 'The request was rejected because the credential report is still being generated.');

export const credentialReportOperations: OperationTable = {
  GenerateCredentialReport: {
    readsUsage: true,
    checks: () => [{ resource: '*' }],
    async run(_input, ctx) {
      return ctx.store.write(async (tx) => {
        const existing = await tx.credentialReports.get(ctx.accountId);
        if (existing !== undefined && isFresh(existing, ctx.now)) {
          return { State: existing.state === 'COMPLETE' ? 'COMPLETE' : 'INPROGRESS' };
        }
        // Generation is quick, so the report is complete at once; the first answer still says
        // STARTED, as AWS's does, and the next one COMPLETE.
        const content = credentialReportCsv(await credentialSubjects(tx, ctx.accountId, ctx.now));
        await tx.credentialReports.put({
          accountId: ctx.accountId,
          state: 'COMPLETE',
          startedDate: ctx.now,
          generatedTime: ctx.now,
          content,
        });
        return existing === undefined ? { State: 'STARTED', Description: NEW_REPORT_DESCRIPTION } : { State: 'STARTED' };
      });
    },
  },

  GetCredentialReport: {
    checks: () => [{ resource: '*' }],
    async run(_input, ctx) {
      const report = await ctx.store.read((tx) => tx.credentialReports.get(ctx.accountId));
      if (report === undefined) throw notPresent();
      if (report.state !== 'COMPLETE' || report.content === undefined || report.generatedTime === undefined) throw inProgress();
      if (!isFresh(report, ctx.now)) throw expired();
      return {
        Content: new Uint8Array(Buffer.from(report.content, 'utf8')),
        ReportFormat: 'text/csv',
        GeneratedTime: report.generatedTime,
      };
    },
  },
};
