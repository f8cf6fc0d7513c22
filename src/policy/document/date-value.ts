// Whether IAM's legacy parser accepts a Date-operator condition value: an ISO 8601
// date/time (year, then optional month, day, hours, minutes, seconds, fraction and
// zone, each in range) or epoch seconds that fit a signed 64-bit integer.

const MAX_EPOCH = 9223372036854775807n;
const DIGITS = /^\d+$/;

function inRange(text: string | undefined, min: number, max: number): boolean {
  if (text === undefined || !DIGITS.test(text)) return false;
  const n = Number(text);
  return n >= min && n <= max;
}

function validZone(zone: string): boolean {
  if (zone === '' || zone === 'z') return true;
  const sign = zone[0];
  if (sign !== '+' && sign !== '-') return false;
  const [hours, minutes, ...rest] = zone.slice(1).split(':');
  if (rest.length > 0 || hours?.length !== 2 || !inRange(hours, 0, 23)) return false;
  return minutes === undefined || (minutes.length === 2 && inRange(minutes, 0, 59));
}

function validTime(time: string): boolean {
  if (time === '') return true;
  const zoneAt = time.search(/[z+-]/);
  const clock = zoneAt < 0 ? time : time.slice(0, zoneAt);
  if (zoneAt >= 0 && !validZone(time.slice(zoneAt))) return false;
  const [hours, minutes, seconds, ...rest] = clock.split(':');
  if (rest.length > 0 || !inRange(hours, 0, 23)) return false;
  if (minutes !== undefined && !inRange(minutes, 0, 59)) return false;
  if (seconds === undefined) return true;
  const [whole, fraction, ...more] = seconds.split('.');
  if (more.length > 0 || !inRange(whole, 0, 59)) return false;
  return fraction === undefined || (DIGITS.test(fraction) && BigInt(fraction) <= 999_999_999n);
}

function validDate(date: string): boolean {
  const negative = date.startsWith('-');
  const parts = (negative ? date.slice(1) : date).split('-');
  if (parts.length > 3) return false;
  const [year, month, day] = parts;
  if (year === undefined || !DIGITS.test(year)) return false;
  const y = Number(year) * (negative ? -1 : 1);
  if (y < -292275054 || y > 292278993) return false;
  if (month !== undefined && !inRange(month, 1, 12)) return false;
  return day === undefined || inRange(day, 1, 31);
}

/** True when IAM's legacy parser accepts `value` for a Date condition operator. */
export function isLegacyDateValue(value: string): boolean {
  const lower = value.toLowerCase();
  if (!lower.includes('t') && !lower.includes('-')) {
    return DIGITS.test(lower) && BigInt(lower) <= MAX_EPOCH;
  }
  const t = lower.indexOf('t');
  return t < 0 ? validDate(lower) : validDate(lower.slice(0, t)) && validTime(lower.slice(t + 1));
}
