// `--duration` values: `3600`, `3600s`, `15m`, `1h`, `1h30m`.

import { VaultError } from './vault-error.js';

const UNIT: Readonly<Record<string, number>> = { h: 3600, m: 60, s: 1 };

export function parseDuration(text: string): number {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return checked(Number(trimmed), text);
  const parts = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(trimmed);
  if (parts === null || trimmed === '') throw new VaultError(`--duration '${text}' is not a duration such as 3600, 15m or 1h`);
  const [, h, m, s] = parts;
  return checked(Number(h ?? 0) * (UNIT['h'] ?? 0) + Number(m ?? 0) * (UNIT['m'] ?? 0) + Number(s ?? 0), text);
}

function checked(seconds: number, text: string): number {
  if (!Number.isSafeInteger(seconds) || seconds <= 0) throw new VaultError(`--duration '${text}' must be more than zero seconds`);
  return seconds;
}
