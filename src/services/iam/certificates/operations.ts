// IAM certificates: server certificates (TLS, with a private key) and users' signing certificates.

import type { OperationTable } from '../../operation.js';
import { serverCertificateOperations } from './server-operations.js';
import { signingCertificateOperations } from './signing-operations.js';

export const certificateOperations: OperationTable = {
  ...serverCertificateOperations,
  ...signingCertificateOperations,
};
