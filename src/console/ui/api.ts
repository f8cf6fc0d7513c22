// The console's client for its server: the session calls and `callApi(service, action, input)`,
// which runs one AWS operation as the signed-in principal. Every POST carries the CSRF token;
// every error becomes an ApiError with AWS's code and message (and the request id that the
// "Why?" page explains).

export type Service = 'iam' | 'sts' | 'access-analyzer' | 'cloudtrail' | 'events';

export interface Principal {
  readonly type: 'Root' | 'IAMUser' | 'AssumedRole' | 'FederatedUser';
  readonly arn: string;
  readonly accountId: string;
  readonly accountAlias?: string;
  readonly userName?: string;
  readonly displayName: string;
}

export type Session =
  | { readonly signedIn: false }
  | { readonly signedIn: true; readonly csrfToken: string; readonly expiresAt: string; readonly passwordChangeRequired: boolean; readonly principal: Principal };

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly requestId?: string,
    readonly explanation?: unknown,
  ) {
    super(message);
  }

  get accessDenied(): boolean {
    return /AccessDenied|UnauthorizedOperation/.test(this.code);
  }

  /** AWS's error code, whether the SDK named it `NoSuchEntity` or `NoSuchEntityException`. */
  is(code: string): boolean {
    return this.code === code || this.code === `${code}Exception`;
  }
}

let csrfToken: string | undefined;

/** Remembered from the session answer; sent with every POST. */
export function rememberSession(session: Session): Session {
  csrfToken = session.signedIn ? session.csrfToken : undefined;
  return session;
}

interface ErrorBody {
  readonly error?: { readonly code?: string; readonly message?: string; readonly requestId?: string; readonly explanation?: unknown };
}

async function send<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method === 'POST') {
    headers['content-type'] = 'application/json';
    if (csrfToken !== undefined) headers['x-keyward-csrf'] = csrfToken;
  }
  let response: Response;
  try {
    response = await fetch(path, { method, headers, credentials: 'same-origin', ...(method === 'POST' ? { body: JSON.stringify(body ?? {}) } : {}) });
  } catch {
    throw new ApiError('NetworkError', 'The console could not reach the server.', 0);
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text === '' ? {} : JSON.parse(text);
  } catch {
    throw new ApiError('InvalidResponse', `The server answered ${response.status} without JSON.`, response.status);
  }
  if (!response.ok) {
    const e = (parsed as ErrorBody).error ?? {};
    if (e.code === 'SessionExpired' || (response.status === 401 && path === '/console/api/call')) sessionListeners.forEach((l) => l());
    throw new ApiError(e.code ?? `Http${response.status}`, e.message ?? `The server answered ${response.status}.`, response.status, e.requestId, e.explanation);
  }
  return parsed as T;
}

const sessionListeners = new Set<() => void>();

/** Called when the server says the session is gone. */
export function onSessionLost(listener: () => void): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

export const getJson = <T>(path: string): Promise<T> => send<T>('GET', path);
export const postJson = <T>(path: string, body: unknown): Promise<T> => send<T>('POST', path, body);

export async function getSession(): Promise<Session> {
  return rememberSession(await getJson<Session>('/console/api/session'));
}

export interface SignIn {
  readonly account: string;
  readonly userName?: string;
  readonly password: string;
  readonly mfaCode?: string;
}

export async function signIn(input: SignIn): Promise<Session> {
  return rememberSession(await postJson<Session>('/console/api/sign-in', input));
}

export async function signOut(): Promise<Session> {
  return rememberSession(await postJson<Session>('/console/api/sign-out', {}));
}

export async function changePassword(oldPassword: string, newPassword: string): Promise<Session> {
  return rememberSession(await postJson<Session>('/console/api/change-password', { oldPassword, newPassword }));
}

/** One AWS operation as the signed-in principal: the SDK command's input, its output back. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function callApi<T = any>(service: Service, action: string, input: Record<string, unknown> = {}): Promise<T> {
  const answer = await postJson<{ output: T }>('/console/api/call', { service, action, input });
  return answer.output;
}

export type SearchKind = 'users' | 'groups' | 'roles' | 'policies';

/**
 * The server's search of the whole account by name substring (the List* output's shape), for
 * the list pages: IAM's List* actions filter by path only.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function searchApi<T = any>(kind: SearchKind, contains: string, marker: string | undefined, extra: Record<string, string> = {}): Promise<T> {
  const query = new URLSearchParams({ contains, ...extra, ...(marker === undefined ? {} : { marker }) });
  const answer = await getJson<{ output: T }>(`/console/api/search/${kind}?${query.toString()}`);
  return answer.output;
}
