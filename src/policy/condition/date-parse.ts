// Date values for the Date operators: the W3C profile of ISO 8601 that AWS
// documents (YYYY-MM, YYYY-MM-DD, YYYY-MM-DDThh:mm[:ss[.s]]TZD) and epoch
// seconds. Hand-written and writing its result to a Float64Array, so parsing a
// request value allocates nothing (a returned epoch in ms would be boxed).

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 for a proleptic Gregorian date (Hinnant's days_from_civil); avoids Date.UTC's two-digit-year quirk. */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Reads exactly `count` decimal digits at `at`; -1 when they are not all digits. */
function digits(s: string, at: number, count: number): number {
  if (at + count > s.length) return -1;
  let n = 0;
  for (let i = at; i < at + count; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** Epoch seconds (digits with an optional sign and fraction) to `out[0]` in ms. */
function readEpoch(s: string, out: Float64Array): boolean {
  let i = s.charCodeAt(0) === 45 ? 1 : 0;
  let seen = 0;
  let dot = false;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) seen++;
    else if (c === 46 && !dot) dot = true;
    else return false;
  }
  if (seen === 0) return false;
  out[0] = Number(s) * 1000;
  return true;
}

/**
 * Parses a date to epoch milliseconds in `out[0]`; false when it is not one. A
 * string of digits is epoch seconds (so `2020` is a second in 1970, not a
 * year); a time without a zone designator is taken as UTC.
 */
export function readDate(s: string, out: Float64Array): boolean {
  if (s.length === 0) return false;
  if (s.length < 7 || s.charCodeAt(4) !== 45) return readEpoch(s, out);
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  if (year < 0 || month < 1 || month > 12) return false;
  if (s.length === 7) {
    out[0] = daysFromCivil(year, month, 1) * MS_PER_DAY;
    return true;
  }
  if (s.charCodeAt(7) !== 45) return false;
  const day = digits(s, 8, 2);
  if (day < 1 || day > daysInMonth(year, month)) return false;
  const midnight = daysFromCivil(year, month, day) * MS_PER_DAY;
  if (s.length === 10) {
    out[0] = midnight;
    return true;
  }
  const t = s.charCodeAt(10);
  if (t !== 84 && t !== 116) return false; // T or t
  const hour = digits(s, 11, 2);
  const minute = s.charCodeAt(13) === 58 ? digits(s, 14, 2) : -1;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return false;
  let at = 16;
  let ms = 0;
  if (s.charCodeAt(at) === 58) {
    const second = digits(s, at + 1, 2);
    if (second < 0 || second > 59) return false;
    ms = second * 1000;
    at += 3;
    if (s.charCodeAt(at) === 46) {
      at++;
      let scale = 100;
      const start = at;
      while (at < s.length) {
        const c = s.charCodeAt(at) - 48;
        if (c < 0 || c > 9) break;
        ms += c * scale;
        scale /= 10;
        at++;
      }
      if (at === start) return false;
    }
  }
  const local = midnight + hour * 3_600_000 + minute * 60_000 + ms;
  if (at === s.length) {
    out[0] = local;
    return true;
  }
  const zone = s.charCodeAt(at);
  if ((zone === 90 || zone === 122) && at + 1 === s.length) {
    out[0] = local; // Z or z
    return true;
  }
  if (zone !== 43 && zone !== 45) return false;
  const offsetHours = digits(s, at + 1, 2);
  let offsetMinutes = 0;
  if (at + 3 === s.length) offsetMinutes = 0;
  else if (s.charCodeAt(at + 3) === 58 && at + 6 === s.length) offsetMinutes = digits(s, at + 4, 2);
  else if (at + 5 === s.length) offsetMinutes = digits(s, at + 3, 2);
  else return false;
  if (offsetHours < 0 || offsetHours > 23 || offsetMinutes < 0 || offsetMinutes > 59) return false;
  const offset = (offsetHours * 60 + offsetMinutes) * 60_000;
  out[0] = zone === 43 ? local - offset : local + offset;
  return true;
}

const box = new Float64Array(1);

/** Epoch milliseconds, NaN when `s` is not a date (for policy values, parsed once). */
export function parseDate(s: string): number {
  return readDate(s, box) ? (box[0] as number) : NaN;
}
