// Server certificates (UploadServerCertificate): a named, path-scoped entity like a user,
// holding a certificate, its chain and its private key sealed by the service.
import type { Tag } from './entities.js';

export interface ServerCertificate {
  readonly accountId: string;
  /** ASCA... */
  readonly id: string;
  readonly name: string;
  readonly path: string;
  readonly arn: string;
  readonly uploadDate: Date;
  /** The certificate's notAfter. */
  readonly expiration: Date;
  /** PEM, as uploaded. */
  readonly body: string;
  readonly chain?: string;
  /** The private key, encrypted by the service; never returned by the API. */
  readonly sealedPrivateKey: string;
  readonly tags: readonly Tag[];
}
