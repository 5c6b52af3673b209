import { useEffect, useState } from 'react';

/**
 * `value`, once it has stopped changing for `ms`: typing in a search box sends one request, not one
 * per keystroke.
 *
 * @example
 * const q = useDebounced(input, 250);
 */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
