// What the Keyward actions of the authorization API act on.

/** The credential scope's service for calls to the authorization API. */
export const KEYWARD_SIGNING_NAME = 'keyward';

/** `arn:aws:keyward::ACCOUNT:service/PREFIX`: what keyward:Authorize and the definition actions act on. */
export function serviceDefinitionArn(accountId: string, prefix: string): string {
  return `arn:aws:keyward::${accountId}:service/${prefix}`;
}
