/**
 * Parses an HTTP Retry-After header (RFC 9110 §10.2.3): delta-seconds or an HTTP-date.
 *
 * Dates are parsed by hand for the three HTTP-date forms rather than with Date.parse, because
 * Date.parse accepts almost anything ("1", "2024") and reads zone-less asctime dates as local time.
 */

const DAYS_SHORT = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const DAYS_LONG = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

// Sun, 06 Nov 1994 08:49:37 GMT
const IMF_FIXDATE = /^([a-z]{3}), (\d{1,2}) ([a-z]{3}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) gmt$/;
// Sunday, 06-Nov-94 08:49:37 GMT
const RFC_850 = /^([a-z]{6,9}), (\d{2})-([a-z]{3})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) gmt$/;
// Sun Nov  6 08:49:37 1994
const ASCTIME = /^([a-z]{3}) ([a-z]{3}) +(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/;

/** Seconds to wait according to a Retry-After value (>= 0, rounded up), or undefined if unusable. */
export function parseRetryAfter(value: string | null, nowMs: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const v = value.trim();
  if (v === '') return undefined;
  // delta-seconds is an integer by the spec; a decimal is tolerated because some servers send one.
  if (/^\d+(\.\d+)?$/.test(v)) {
    const seconds = Math.ceil(Number(v));
    return Number.isSafeInteger(seconds) ? seconds : undefined;
  }
  const at = parseHttpDate(v);
  if (at === undefined) return undefined;
  return Math.max(0, Math.ceil((at - nowMs) / 1000));
}

/** Milliseconds since the epoch for an HTTP-date in any of its three forms, or undefined. */
export function parseHttpDate(value: string): number | undefined {
  const v = value.trim().replace(/\s+/g, ' ').toLowerCase();
  let m: RegExpExecArray | null;
  if ((m = IMF_FIXDATE.exec(v))) {
    if (!DAYS_SHORT.includes(m[1]!)) return undefined;
    return utc(Number(m[4]), m[3]!, Number(m[2]), Number(m[5]), Number(m[6]), Number(m[7]));
  }
  if ((m = RFC_850.exec(v))) {
    if (!DAYS_LONG.includes(m[1]!)) return undefined;
    // Two-digit years: RFC 9110 says to read them as the nearest past century; 70 is the usual cut.
    const yy = Number(m[4]);
    return utc(yy < 70 ? 2000 + yy : 1900 + yy, m[3]!, Number(m[2]), Number(m[5]), Number(m[6]), Number(m[7]));
  }
  // asctime has no `gmt`, and our collapse of spaces above turns "Nov  6" into "Nov 6".
  if ((m = ASCTIME.exec(v))) {
    if (!DAYS_SHORT.includes(m[1]!)) return undefined;
    return utc(Number(m[7]), m[2]!, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  }
  return undefined;
}

function utc(year: number, monthName: string, day: number, h: number, min: number, s: number): number | undefined {
  const month = MONTHS.indexOf(monthName);
  if (month < 0 || h > 23 || min > 59 || s > 60) return undefined;
  const ms = Date.UTC(year, month, day, h, min, Math.min(s, 59));
  // Date.UTC rolls 31 Feb over to March; a date that rolled over was not a real date.
  if (new Date(ms).getUTCDate() !== day) return undefined;
  return ms;
}
