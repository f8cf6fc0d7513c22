// A policy document from authorization details as JSON text: the IAM API returns it
// URL-encoded (RFC 3986), the AWS CLI decodes it to a JSON object. Both are accepted.

export type PolicyTextResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly message: string };

export function policyText(document: unknown): PolicyTextResult {
  if (typeof document === 'object' && document !== null && !Array.isArray(document)) {
    return { ok: true, text: JSON.stringify(document) };
  }
  if (typeof document !== 'string') return { ok: false, message: 'expected a policy document' };
  const trimmed = document.trimStart();
  if (trimmed.startsWith('{')) return { ok: true, text: document };
  try {
    return { ok: true, text: decodeURIComponent(document) };
  } catch {
    return { ok: false, message: 'policy document is neither JSON nor valid URL-encoded text' };
  }
}
