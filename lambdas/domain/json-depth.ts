/**
 * How deeply request JSON may nest. Validation and evaluation walk documents recursively; a body
 * of a few kilobytes of `[` would otherwise exhaust the stack. Flags nest about ten levels before
 * a variation's own JSON value.
 */
export const MAX_JSON_DEPTH = 100;

/**
 * Whether JSON text nests arrays and objects deeper than `max`, found by scanning the text (no
 * parse, no recursion), so it is safe to ask of any input.
 *
 * @example
 * nestsDeeperThan('[[1]]', 1); // → true
 */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}
