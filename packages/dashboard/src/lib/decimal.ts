/**
 * Decimal notation, as people type numbers: `Number()` also reads `0x10`, `0b1`, `0o7` and an
 * empty string (0), which would store a value nobody typed.
 */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/**
 * The finite number `text` spells in decimal notation (spaces around it allowed), or undefined.
 *
 * @example
 * decimalNumber(' 2.5 '); // 2.5
 * decimalNumber('1e3');   // 1000
 * decimalNumber('0x10');  // undefined
 */
export function decimalNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (!DECIMAL.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
}
