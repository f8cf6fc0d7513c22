// How a platform service answers its client a refusal: S3-style services with AWS's XML error
// document, the others with the REST-JSON error shape.

import { randomUUID } from 'node:crypto';

export interface ClientRefusal {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

const xmlText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** `xml`: S3's error document; `json`: the REST-JSON error shape. */
export type RefusalFormat = 'json' | 'xml';

export function clientRefusal(format: RefusalFormat, code: string, status: number, message: string, requestId: string = randomUUID()): ClientRefusal {
  if (format === 'xml') {
    return {
      status,
      headers: { 'content-type': 'application/xml', 'x-amz-request-id': requestId },
      body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${xmlText(code)}</Code><Message>${xmlText(message)}</Message><RequestId>${requestId}</RequestId></Error>`,
    };
  }
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': code, 'x-amzn-requestid': requestId },
    body: JSON.stringify({ __type: code, message }),
  };
}
