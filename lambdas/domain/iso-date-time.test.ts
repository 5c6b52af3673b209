import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { isoDateTime } from './iso-date-time.js';

const accepts = (text: string) => v.safeParse(isoDateTime, text).success;

describe('isoDateTime', () => {
  it.each([
    '2026-11-26T01:00:00Z',
    '2026-11-26T01:00:00.123Z',
    '2026-11-26T01:00:00+02:00',
    '2026-11-26T01:00:00-0530',
    '2028-02-29T00:00:00Z',
    '2000-02-29T23:59:59Z',
  ])('accepts %s', (text) => {
    expect(accepts(text)).toBe(true);
  });

  it.each([
    ['a day the month does not have', '2026-02-30T00:00:00Z'],
    ['29 February of a common year', '2027-02-29T00:00:00Z'],
    ['29 February of a century not divisible by 400', '2100-02-29T00:00:00Z'],
    ['31 April', '2026-04-31T12:00:00Z'],
    ['an offset of hours alone, which Date.parse cannot read', '2026-11-26T01:00:00+02'],
    ['no zone', '2026-11-26T01:00:00'],
    ['no seconds', '2026-11-26T01:00Z'],
    ['a date alone', '2026-11-26'],
    ['words', 'tomorrow'],
  ])('refuses %s, with the message that names the format', (_, text) => {
    const result = v.safeParse(isoDateTime, text);
    expect(result.success).toBe(false);
    expect(result.issues?.[0]?.message).toBe('must be an ISO 8601 date-time, e.g. 2026-11-26T01:00:00Z');
  });

  it('accepts every instant as toISOString writes it, and reads it back as the same instant', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1000-01-01T00:00:00Z'),
          max: new Date('9999-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        (date) => {
          const text = date.toISOString();
          expect(accepts(text)).toBe(true);
          expect(Date.parse(v.parse(isoDateTime, text))).toBe(date.getTime());
        },
      ),
    );
  });

  it('refuses every day past the end of its month', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        const days = new Date(Date.UTC(2000, 0, 1));
        days.setUTCFullYear(year, month, 0);
        const last = days.getUTCDate();
        const pad = (n: number, width = 2) => String(n).padStart(width, '0');
        const at = (day: number) => `${pad(year, 4)}-${pad(month)}-${pad(day)}T00:00:00Z`;
        expect(accepts(at(last))).toBe(true);
        if (last < 31) expect(accepts(at(last + 1))).toBe(false);
      }),
    );
  });
});
