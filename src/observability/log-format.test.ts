// The pretty log format: request lines read as one compact sentence, other lines keep their
// fields, and what is not JSON passes through unchanged.

import { describe, expect, it } from 'vitest';
import { loggerOptions, prettyLine } from './log-format.js';

describe('prettyLine', () => {
  it('puts a request in one compact line', () => {
    const line = prettyLine(
      JSON.stringify({ level: 'info', time: '2026-12-07T16:45:01.123Z', requestId: 'r-1', msg: 'request', service: 'sts', action: 'AssumeRole', status: 403, durationMs: 2.5, caller: 'arn:aws:iam::111122223333:user/a', sourceIp: '10.0.0.1' }),
    );
    expect(line).toBe('2026-12-07T16:45:01.123Z INFO  sts:AssumeRole 403 2.5ms arn:aws:iam::111122223333:user/a 10.0.0.1 req=r-1');
  });

  it('keeps the fields of other lines and passes non-JSON through', () => {
    expect(prettyLine(JSON.stringify({ level: 'error', time: 't', msg: 'TLS reload failed', err: 'no such file' }))).toBe('t ERROR TLS reload failed err=no such file');
    expect(prettyLine('not json')).toBe('not json');
  });

  it('turns pino output into pretty lines through the stream', () => {
    const out: string[] = [];
    const options = loggerOptions('info', 'pretty', { write: (t) => out.push(t) });
    options.stream.write(`${JSON.stringify({ level: 'warn', time: 't', msg: 'a' })}\n${JSON.stringify({ level: 'info', time: 't', msg: 'b' })}`);
    options.stream.write('\n');
    expect(out).toEqual(['t WARN  a\n', 't INFO  b\n']);
  });
});
