// What concurrent SDK calls answered: success, or the AWS error code and HTTP status, so that
// tests can count winners and losers and show everything else (a 500, a conflict) in full.

export type Outcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: string; readonly status: number | undefined; readonly message: string };

/** Runs `call` and records its answer; never throws. */
export async function outcome<T>(call: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
    return { ok: false, code: e.name ?? 'Error', status: e.$metadata?.httpStatusCode, message: e.message ?? String(error) };
  }
}

/** How many answers of each kind: `ok`, or `Code status`. */
export function tally(outcomes: readonly Outcome<unknown>[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of outcomes) {
    const key = o.ok ? 'ok' : `${o.code} ${String(o.status)}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
