// A browser's side of the console API with fetch: the cookie jar of one browser (the
// keyward_console cookie), the CSRF token from the session, and the console's own Origin.

export interface ConsoleResponse<T = Record<string, unknown>> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
  readonly setCookie: readonly string[];
}

export class ConsoleClient {
  readonly base: string;
  cookie: string | undefined;
  csrf: string | undefined;

  constructor(base: string) {
    this.base = base;
  }

  async request<T = Record<string, unknown>>(method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ConsoleResponse<T>> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...(this.cookie !== undefined && { cookie: this.cookie }),
        ...(method === 'POST' && { origin: this.base }),
        ...(method === 'POST' && this.csrf !== undefined && { 'x-keyward-csrf': this.csrf }),
        ...headers,
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const setCookie = res.headers.getSetCookie();
    for (const c of setCookie) {
      const [pair = ''] = c.split(';');
      const value = pair.slice(pair.indexOf('=') + 1);
      this.cookie = value === '' ? undefined : pair;
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON (a page or a redirect).
    }
    const out = { status: res.status, body: parsed as T, headers: res.headers, setCookie };
    const session = parsed as { csrfToken?: string; signedIn?: boolean };
    if (typeof session?.csrfToken === 'string') this.csrf = session.csrfToken;
    if (session?.signedIn === false) this.csrf = undefined;
    return out;
  }

  signIn(account: string, password: string, userName?: string, mfaCode?: string): Promise<ConsoleResponse> {
    return this.request('POST', '/console/api/sign-in', { account, password, ...(userName !== undefined && { userName }), ...(mfaCode !== undefined && { mfaCode }) });
  }

  call<T = Record<string, unknown>>(service: string, action: string, input: object = {}): Promise<ConsoleResponse<T>> {
    return this.request<T>('POST', '/console/api/call', { service, action, input });
  }

  session(): Promise<ConsoleResponse> {
    return this.request('GET', '/console/api/session');
  }
}
