// Issuer URLs and IAM OIDC provider URLs: IAM keeps a provider's URL without `https://`
// (`token.actions.githubusercontent.com`, `oidc.eks.region.amazonaws.com/id/ABC`), a token's
// `iss` carries the scheme. These helpers move between the two forms.
import { decodeJwt } from 'jose';

const HTTPS = 'https://';
const HTTP = 'http://';

/** The provider URL as IAM stores it: the issuer without `https://`. */
export function providerUrlForIssuer(issuer: string): string {
  return issuer.startsWith(HTTPS) ? issuer.slice(HTTPS.length) : issuer;
}

export interface IssuerMatchOptions {
  /**
   * Also accept `http://` + the provider URL. AWS requires HTTPS; this exists for local
   * development against an issuer on loopback and must stay off in production.
   */
  readonly allowHttp?: boolean;
}

/**
 * True when `iss` names the registered provider: `https://` + its URL, or the bare URL
 * (Google's ID tokens may say `accounts.google.com`). Paths and trailing slashes must match
 * exactly, as in AWS (an Auth0 issuer `https://x.auth0.com/` needs the provider `x.auth0.com/`).
 */
export function issuerMatchesProvider(iss: string, providerUrl: string, options: IssuerMatchOptions = {}): boolean {
  // A provider URL given with `https://` is taken in IAM's stored form.
  const url = providerUrlForIssuer(providerUrl);
  if (url.length === 0) return false;
  if (iss === HTTPS + url || iss === url) return true;
  return options.allowHttp === true && iss === HTTP + url;
}

/** The base URL keys are discovered from: the issuer itself, with `https://` added to a bare one. */
export function issuerBaseUrl(iss: string): string {
  return iss.startsWith(HTTPS) || iss.startsWith(HTTP) ? iss : HTTPS + iss;
}

/**
 * The token's `iss`, read without verifying anything: the STS action uses it to find the
 * provider to verify against. Undefined when the token is not a JWT or has no string `iss`.
 */
export function readTokenIssuer(token: string): string | undefined {
  try {
    const { iss } = decodeJwt(token);
    return typeof iss === 'string' && iss.length > 0 ? iss : undefined;
  } catch {
    return undefined;
  }
}
