import {
  type ChangeEvent,
  createContext,
  type ReactNode,
  useContext,
  useEffect,
  useEffectEvent,
  useId,
  useState,
} from 'react';
import { FieldErrors } from '../../../../components/clauses/fields.js';
import { variationLabel } from '../../model/summary.js';
import type { Flag } from '../../model/types.js';

/**
 * What a field's text reads as: a value, or why it reads as none. A field whose text can still
 * count as something (an unreadable percentage as 0%) gives that value with the problem, so what
 * the draft adds up is what is typed.
 */
export type Parsed<T> = { value: T; problem?: undefined } | { value?: T; problem: string };

/**
 * Where the flag page hears of text its fields cannot read (by field, `undefined` once it reads or
 * the field is gone): that text is not in the draft, so the page holds the save until it is fixed.
 */
export const UnreadText = createContext<(field: string, problem: string | undefined) => void>(() => {});

/**
 * A text input (or, `multiline`, a textarea) whose raw text is kept while the user types (`33.`
 * stays `33.`), reporting a parsed value when there is one. Text that does not read is marked
 * invalid, described at the field, and reported to the page as "`fieldName`: problem". A `value`
 * changed from elsewhere (a discard, a removed row) replaces text that does not read as it.
 */
export function ParsedInput<T>({
  value,
  format,
  parse,
  same = Object.is,
  fieldName,
  onValue,
  multiline = false,
  ...input
}: {
  value: T;
  format: (value: T) => string;
  parse: (text: string) => Parsed<T>;
  /** Whether two values are the same (JSON values compare by content). */
  same?: (a: T, b: T) => boolean;
  /** Names the field in the page's list of what to fix ("Variation 2 value"). */
  fieldName: string;
  onValue: (value: T) => void;
  multiline?: boolean;
} & Omit<React.AllHTMLAttributes<HTMLElement>, 'value' | 'onChange'>) {
  const id = useId();
  const [text, setText] = useState(() => format(value));
  // Adjusted while rendering rather than in an effect, so the old text is never shown against the new value.
  const [shownValue, setShownValue] = useState(value);
  if (!same(shownValue, value)) {
    setShownValue(value);
    const read = parse(text);
    if (read.value === undefined || !same(read.value, value)) setText(format(value));
  }
  const { problem } = parse(text);

  const report = useContext(UnreadText);
  const reportProblem = useEffectEvent((problem: string | undefined) =>
    report(id, problem && `${fieldName}: ${problem}`),
  );
  useEffect(() => {
    reportProblem(problem);
    return () => reportProblem(undefined);
  }, [problem]);

  const field = {
    ...input,
    value: text,
    'aria-invalid': problem ? true : input['aria-invalid'],
    'aria-describedby': [input['aria-describedby'], `${id}-problem`].filter(Boolean).join(' '),
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      setText(e.target.value);
      const read = parse(e.target.value);
      if (read.value !== undefined) onValue(read.value);
    },
  };
  return (
    <>
      {multiline ? <textarea {...field} /> : <input {...field} />}
      <FieldErrors id={`${id}-problem`} errors={problem ? [problem] : []} />
    </>
  );
}

/** A variation picker; `allowNone` adds "no variation" (an off variation may be unset). */
export function VariationSelect({
  flag,
  label,
  value,
  onChange,
  allowNone,
  extra,
}: {
  flag: Flag;
  label: string;
  value: number | null | undefined | 'rollout';
  onChange: (value: number | null | 'rollout') => void;
  allowNone?: boolean;
  extra?: ReactNode;
}) {
  const id = useId();
  const current = value === null || value === undefined ? '' : String(value);
  return (
    <div className="field field-inline">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={current}
        onChange={(e) => {
          const v = e.target.value;
          onChange(v === '' ? null : v === 'rollout' ? 'rollout' : Number(v));
        }}
      >
        {(allowNone || current === '') && (
          <option value="">{allowNone ? 'No variation (SDK default)' : 'Choose…'}</option>
        )}
        {flag.variations.map((_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: variations are identified by their index
          <option key={i} value={i}>
            {variationLabel(flag, i)}
          </option>
        ))}
        {extra}
      </select>
    </div>
  );
}
