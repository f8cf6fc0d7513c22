// What GetAccountAuthorizationDetails leaves out and some techniques need: each user's access
// keys (ListAccessKeys, every page) and login profile (GetLoginProfile, null when it has none),
// added to the users of the raw answer pages before readDetails reads them. The calls go through
// the caller's `call` (the CLI's SDK client, the console's calls as its signed-in principal), a
// few users at a time. A call the caller may not make (`isDenied`) leaves that user's keys or
// profile unknown, which the techniques treat as "could be either"; any other error is thrown.

type Json = Record<string, unknown>;

export type IamRead = (action: 'ListAccessKeys' | 'GetLoginProfile', input: Json) => Promise<Json>;

export interface UserCredentialOptions {
  /** Users read at once (default 8). */
  readonly parallel?: number;
  /** Errors that leave the value unknown instead of failing the read (a denied call). */
  readonly isDenied?: (error: unknown) => boolean;
  /** Only these users (by name); the others are left as they are. Default: every user. */
  readonly only?: ReadonlySet<string>;
}

const errorName = (e: unknown): string => String((e as { name?: unknown } | undefined)?.name ?? '');
const noSuchEntity = (e: unknown): boolean => errorName(e) === 'NoSuchEntity' || errorName(e) === 'NoSuchEntityException';

async function accessKeys(call: IamRead, UserName: string): Promise<Json[]> {
  const keys: Json[] = [];
  let marker: string | undefined;
  for (let page = 0; page < 1000; page += 1) {
    const out = await call('ListAccessKeys', { UserName, ...(marker === undefined ? {} : { Marker: marker }) });
    keys.push(...((out.AccessKeyMetadata as Json[] | undefined) ?? []));
    if (out.IsTruncated !== true || typeof out.Marker !== 'string') break;
    marker = out.Marker;
  }
  return keys;
}

async function loginProfile(call: IamRead, UserName: string): Promise<unknown> {
  try {
    return (await call('GetLoginProfile', { UserName })).LoginProfile ?? null;
  } catch (e) {
    if (noSuchEntity(e)) return null;
    throw e;
  }
}

/** Sets AccessKeyMetadata and LoginProfile on every user of `pages` (raw GetAccountAuthorizationDetails answers), in place. */
export async function addUserCredentials(pages: readonly Json[], call: IamRead, options: UserCredentialOptions = {}): Promise<void> {
  const only = options.only;
  const users = pages
    .flatMap((p) => (Array.isArray(p.UserDetailList) ? (p.UserDetailList as Json[]) : []))
    .filter((u) => only === undefined || (typeof u.UserName === 'string' && only.has(u.UserName)));
  const parallel = Math.max(1, options.parallel ?? 8);
  const known = async <T>(read: () => Promise<T>): Promise<{ value: T } | undefined> => {
    try {
      return { value: await read() };
    } catch (e) {
      if (options.isDenied?.(e) === true) return undefined;
      throw e;
    }
  };
  for (let i = 0; i < users.length; i += parallel) {
    await Promise.all(
      users.slice(i, i + parallel).map(async (u) => {
        const UserName = u.UserName;
        if (typeof UserName !== 'string') return;
        const keys = await known(() => accessKeys(call, UserName));
        if (keys !== undefined) u.AccessKeyMetadata = keys.value;
        const profile = await known(() => loginProfile(call, UserName));
        if (profile !== undefined) u.LoginProfile = profile.value;
      }),
    );
  }
}
