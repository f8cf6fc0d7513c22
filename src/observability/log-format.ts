// How the server's log lines look: pino's JSON (level names, ISO times) or, for a terminal, a
// compact human line written by prettyLine (pino-pretty is not a dependency). Both receive only
// the fields the server chose to log (request-log.ts), never bodies or headers.

import { Writable } from 'node:stream';
import type { LogFormat, LogLevel } from '../config/config.js';

export interface LoggerOptions {
  readonly level: string;
  readonly stream: { write(line: string): void };
  readonly formatters: { level(label: string): { level: string } };
  readonly timestamp: () => string;
  readonly base: Record<string, never>;
}

/** Fastify's `logger` option for the configured level, format and destination (stderr by default). */
export function loggerOptions(level: LogLevel, format: LogFormat, destination: { write(text: string): void }): LoggerOptions {
  return {
    level,
    stream: format === 'pretty' ? prettyStream(destination) : destination,
    formatters: { level: (label) => ({ level: label }) },
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    // No pid or hostname in every line: a deployment's logs say where they came from.
    base: {},
  };
}

function prettyStream(destination: { write(text: string): void }): Writable {
  let partial = '';
  return new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) if (line !== '') destination.write(`${prettyLine(line)}\n`);
      callback();
    },
  });
}

const SHOWN_FIRST = new Set(['level', 'time', 'msg', 'requestId', 'service', 'action', 'status', 'durationMs', 'caller', 'sourceIp']);

/**
 * `2026-12-07T16:45:01.123Z INFO  iam:GetUser 200 3.2ms arn:aws:iam::111122223333:user/alice 127.0.0.1 req=9f1c...`
 * for a request; `TIME LEVEL message key=value ...` for anything else. A line that is not JSON
 * passes through.
 */
export function prettyLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const parts = [String(entry.time ?? ''), String(entry.level ?? '').toUpperCase().padEnd(5)];
  if (entry.service !== undefined) {
    parts.push(`${String(entry.service)}:${String(entry.action ?? 'unknown')}`, String(entry.status ?? ''), `${String(entry.durationMs ?? '')}ms`);
    if (entry.caller !== undefined) parts.push(String(entry.caller));
    if (entry.sourceIp !== undefined) parts.push(String(entry.sourceIp));
  } else if (entry.msg !== undefined) {
    parts.push(String(entry.msg));
  }
  if (entry.requestId !== undefined) parts.push(`req=${String(entry.requestId)}`);
  for (const [key, value] of Object.entries(entry)) {
    if (SHOWN_FIRST.has(key)) continue;
    parts.push(`${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  }
  return parts.join(' ');
}
