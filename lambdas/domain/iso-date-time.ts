import * as v from 'valibot';

const MESSAGE = 'must be an ISO 8601 date-time, e.g. 2026-11-26T01:00:00Z';

/**
 * Whether the text's date is a day of the calendar and the whole of it a time `Date.parse` reads.
 * valibot's `isoTimestamp` is a pattern: it lets `2026-02-30` through (which `Date.parse` turns into
 * 2 March) and an offset of hours alone (`+02`, which `Date.parse` cannot read).
 */
function isRealTime(text: string): boolean {
  const year = Number(text.slice(0, 4));
  const month = Number(text.slice(5, 7)) - 1;
  const day = Number(text.slice(8, 10));
  const date = new Date(0);
  date.setUTCFullYear(year, month, day);
  return date.getUTCMonth() === month && date.getUTCDate() === day && Number.isFinite(Date.parse(text));
}

/**
 * An ISO 8601 date-time with seconds and a zone (`Z` or an offset), naming a real instant.
 *
 * @example
 * v.parse(isoDateTime, '2026-11-26T01:00:00+02:00'); // passes
 * v.parse(isoDateTime, '2026-02-30T00:00:00Z'); // throws: must be an ISO 8601 date-time, …
 */
export const isoDateTime = v.pipe(v.string(MESSAGE), v.isoTimestamp(MESSAGE), v.check(isRealTime, MESSAGE));
