// The values STS derives from the SAML provider's ARN: saml:doc (`ACCOUNT/NAME`) and the
// NameQualifier that, with the subject, identifies a federated user uniquely.
import { createHash } from 'node:crypto';

export interface SamlProviderRef {
  readonly accountId: string;
  /** The friendly name: the last part of the ARN. */
  readonly name: string;
}

const SAML_PROVIDER_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):saml-provider\/([\w.-]+)$/;

/** Account and name of `arn:aws:iam::ACCOUNT:saml-provider/NAME`; undefined for anything else. */
export function parseSamlProviderArn(arn: string): SamlProviderRef | undefined {
  const match = SAML_PROVIDER_ARN.exec(arn);
  return match?.[1] === undefined || match[2] === undefined ? undefined : { accountId: match[1], name: match[2] };
}

/** saml:doc: "account-ID/provider-friendly-name". */
export function samlDoc(provider: SamlProviderRef): string {
  return `${provider.accountId}/${provider.name}`;
}

/**
 * STS's NameQualifier, exactly as the AssumeRoleWithSAML reference gives it:
 * BASE64 ( SHA1 ( "https://example.com/saml" + "123456789012" + "/MySAMLIdP" ) ).
 */
export function samlNameQualifier(issuer: string, provider: SamlProviderRef): string {
  return createHash('sha1').update(`${issuer}${provider.accountId}/${provider.name}`, 'utf8').digest('base64');
}
