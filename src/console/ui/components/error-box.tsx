// The one way the console shows a failed call: AWS's code and message; for an AccessDenied,
// the engine's explanation (when the server gave one) and a "Why?" link to the decision page.
import type { JSX } from 'preact';
import { ApiError } from '../api.js';
import { Link } from '../router.js';
import { Explanation } from './explanation.js';

export function ErrorBox({ error }: { error: unknown }): JSX.Element | null {
  if (error === undefined || error === null) return null;
  const e = error instanceof ApiError ? error : new ApiError('Error', error instanceof Error ? error.message : String(error), 0);
  return (
    <div class="error-box" role="alert">
      <p>
        <strong class="error-code">{e.code}</strong>: <span class="error-message">{e.message}</span>
      </p>
      {e.accessDenied && e.explanation !== undefined ? <Explanation value={e.explanation} /> : null}
      {e.accessDenied && e.requestId !== undefined ? (
        <p>
          <Link class="why-link" href={`/console/why/${encodeURIComponent(e.requestId)}`}>
            Why was this denied?
          </Link>{' '}
          <span class="muted">Request id {e.requestId}</span>
        </p>
      ) : null}
    </div>
  );
}
