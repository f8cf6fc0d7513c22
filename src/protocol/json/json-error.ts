// An error in the JSON protocols' shape: `{"__type": "Code", "message": "..."}` with its
// HTTP status, as CloudTrail, EventBridge and Access Analyzer return them.

export class JsonServiceError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    /** REST-JSON extras (Access Analyzer's ValidationException has `reason` and `fieldList`). */
    readonly fields: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'JsonServiceError';
  }

  body(): string {
    return JSON.stringify({ __type: this.code, message: this.message, ...this.fields });
  }
}
