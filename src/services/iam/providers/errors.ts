// Messages of the identity-provider family (OIDC and SAML providers), worded as AWS's
// IAM endpoint words them. AWS documents codes, not texts: these are the texts its
// endpoint answers with, as recorded by other emulators' tests against AWS.

import { IamError } from '../../../protocol/errors.js';

export const noSuchOidcProvider = (arn: string): IamError =>
  new IamError('NoSuchEntity', `OpenIDConnect Provider not found for arn ${arn}`);

export const oidcProviderExists = (url: string): IamError => new IamError('EntityAlreadyExists', `Provider with url ${url} already exists.`);

/** A Url with no scheme at all fails AWS's model-level check. */
export const oidcUrlWithoutScheme = (): IamError => new IamError('ValidationError', 'Invalid Open ID Connect Provider URL');

export const oidcUrlNotHttps = (): IamError =>
  new IamError('InvalidInput', 'Invalid Open ID Connect Provider URL. The URL must begin with https://.');

export const invalidOidcUrl = (): IamError => new IamError('InvalidInput', 'Invalid Open ID Connect Provider URL.');

export const tooManyThumbprints = (): IamError => new IamError('InvalidInput', 'Thumbprint list must contain fewer than 5 entries.');

/** AWS's wording for a SAML provider that does not exist. */
export const noSuchSamlProvider = (arn: string): IamError => new IamError('NoSuchEntity', `Manifest not found for arn ${arn}`);

export const samlProviderExists = (name: string): IamError => new IamError('EntityAlreadyExists', `Provider with name ${name} already exists.`);

export const invalidProviderArn = (arn: string): IamError => new IamError('InvalidInput', `ARN ${arn} is not valid.`);
