import { describe, expect, it } from 'vitest';
import { compareSemVer, parseDate, parseSemVer } from './index.js';

describe.each([
  ['1.2.3', { major: 1, minor: 2, patch: 3, prerelease: [] }],
  ['1.2', { major: 1, minor: 2, patch: 0, prerelease: [] }],
  ['1', { major: 1, minor: 0, patch: 0, prerelease: [] }],
  ['2-rc', { major: 2, minor: 0, patch: 0, prerelease: ['rc'] }],
  ['2.0.0-rc.1+build.5', { major: 2, minor: 0, patch: 0, prerelease: ['rc', 1] }],
  ['1.0.0-0a.x-y', { major: 1, minor: 0, patch: 0, prerelease: ['0a', 'x-y'] }],
])('parseSemVer(%j)', (input, expected) => {
  it('parses', () => {
    expect(parseSemVer(input)).toEqual(expected);
  });
});

describe.each([
  'v2.0.0',
  '02.0.0',
  '2.0.0.0',
  '2.0.0-01',
  '2.0.0-',
  '2.0.0+',
  '',
  ' 2.0.0',
  '=2.0.0',
  2,
  null,
])('parseSemVer(%j)', (input) => {
  it('is not a version', () => {
    expect(parseSemVer(input)).toBeUndefined();
  });
});

describe.each([
  ['1.0.0', '2.0.0', -1],
  ['2.1.0', '2.0.9', 1],
  ['2.0.0-rc', '2.0.0', -1],
  ['2.0.0-rc', '2.0.0-rc.1', -1],
  ['2.0.0-rc.2', '2.0.0-rc.10', -1],
  ['2.0.0-rc.2.green', '2.0.0-rc.2.red', -1],
  ['2.0.0-1', '2.0.0-alpha', -1],
  ['2.0.0+a', '2.0.0+b', 0],
])('compareSemVer(%s, %s)', (a, b, sign) => {
  it(`has sign ${sign}`, () => {
    const [va, vb] = [parseSemVer(a), parseSemVer(b)];
    if (va === undefined || vb === undefined) throw new Error('test versions must parse');
    expect(Math.sign(compareSemVer(va, vb))).toBe(sign);
    expect(Math.sign(compareSemVer(vb, va))).toBe(0 - sign);
  });
});

describe.each([
  ['2017-12-06T00:00:00.000-07:00', 1512543600000],
  ['2017-12-06T07:00:00Z', 1512543600000],
  ['2017-12-06T07:00:00.5Z', 1512543600500],
  ['2017-12-06T07:00:00.0005Z', 1512543600000.5],
  ['2017-12-06T12:30:00+05:30', 1512543600000],
  ['2016-02-29T00:00:00Z', Date.UTC(2016, 1, 29)],
  ['0050-01-01T00:00:00Z', -60589296000000],
  [1512543600000, 1512543600000],
  [-1.5, -1.5],
])('parseDate(%j)', (input, expected) => {
  it(`is ${expected}`, () => {
    expect(parseDate(input)).toBe(expected);
  });
});

describe.each([
  '2017-12-06',
  '2017-12-06X00:00:00Z',
  '00:00:00.000-07:00',
  '2017-12-06T00:00:00',
  '2017-12-06T00:00:00-07',
  '2017-02-29T00:00:00Z',
  '2017-13-01T00:00:00Z',
  '2017-12-06T24:00:00Z',
  '1512543600000',
  '',
  true,
  null,
])('parseDate(%j)', (input) => {
  it('is not a date', () => {
    expect(parseDate(input)).toBeUndefined();
  });
});
