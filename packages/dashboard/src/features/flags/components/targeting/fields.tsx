import { type ReactNode, useEffect, useId, useState } from 'react';
import { variationLabel } from '../../model/summary.js';
import type { Flag } from '../../model/types.js';

/**
 * A text input whose raw text is kept while the user types (`33.` stays `33.`), reporting a parsed
 * value only when the text parses; it follows `value` when that changes from elsewhere.
 */
export function ParsedInput<T>({
  value,
  format,
  parse,
  onValue,
  ...input
}: {
  value: T;
  format: (value: T) => string;
  parse: (text: string) => T | undefined;
  onValue: (value: T) => void;
} & Omit<React.InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'>) {
  const [text, setText] = useState(() => format(value));
  useEffect(() => {
    setText((previous) => (parse(previous) === value ? previous : format(value)));
  }, [value, format, parse]);
  return (
    <input
      {...input}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        const parsed = parse(e.target.value);
        if (parsed !== undefined) onValue(parsed);
      }}
    />
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
