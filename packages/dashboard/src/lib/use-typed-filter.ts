import { useEffect, useRef, useState } from 'react';
import { useDebounced } from './use-debounced.js';

/** Long enough that typing a word sends it once, not once per keystroke. */
const TYPING_MS = 250;

/**
 * A text filter kept in the URL: the box shows what is typed, `send` gets it (trimmed) once typing
 * settles, and a change of `current` from elsewhere (Back, Forward, a link) replaces what the box shows.
 *
 * @example
 * const [q, setQ] = useTypedFilter(filters.q ?? '', (q) => onChange({ ...filters, q: q || undefined }));
 * <input value={q} onChange={(e) => setQ(e.target.value)} />;
 */
export function useTypedFilter(current: string, send: (text: string) => void) {
  const [text, setText] = useState(current);
  const settled = useDebounced(text.trim(), TYPING_MS);
  const [shown, setShown] = useState(current);
  if (current !== shown) {
    setShown(current);
    // Our own settled text arriving in the URL must not undo keys typed since.
    if (current !== settled) setText(current);
  }
  const latest = useRef({ current, send });
  latest.current = { current, send };
  // Only a newly settled text is sent: the URL moving back is not undone by a text it left behind.
  useEffect(() => {
    if (settled !== latest.current.current) latest.current.send(settled);
  }, [settled]);
  return [text, setText] as const;
}
