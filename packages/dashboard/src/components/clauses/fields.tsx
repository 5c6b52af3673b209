import { type ReactNode, useEffect, useId, useState } from 'react';

/** A labelled group of one value per line, with the problems of each shown under it. */
export function LinesField({
  label,
  visibleLabel,
  lines,
  onLines,
  errors,
  hint,
}: {
  /** The accessible name ("Rule 1 condition 2 versions"). */
  label: string;
  /** What the eye reads next to the field, where the card already says which rule and condition. */
  visibleLabel?: string;
  lines: string[];
  onLines: (lines: string[]) => void;
  errors: string[];
  hint?: ReactNode;
}) {
  const id = useId();
  const [text, setText] = useState(() => lines.join('\n'));
  const joined = lines.join('\n');
  useEffect(() => {
    setText((previous) => (splitLines(previous).join('\n') === joined ? previous : joined));
  }, [joined]);
  return (
    <div className="field">
      <label htmlFor={id}>{visibleLabel ?? label}</label>
      <textarea
        id={id}
        aria-label={label}
        rows={Math.min(6, Math.max(2, lines.length + 1))}
        value={text}
        aria-invalid={errors.length > 0 || undefined}
        aria-describedby={`${id}-hint ${id}-errors`}
        onChange={(e) => {
          setText(e.target.value);
          onLines(splitLines(e.target.value));
        }}
      />
      <p id={`${id}-hint`} className="hint">
        {hint ?? 'One value per line.'}
      </p>
      <FieldErrors id={`${id}-errors`} errors={errors} />
    </div>
  );
}

export const splitLines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);

export function FieldErrors({ id, errors }: { id?: string; errors: readonly string[] }) {
  return (
    <div id={id} className="field-errors" aria-live="polite">
      {errors.map((error) => (
        <p key={error} className="error-text">
          {error}
        </p>
      ))}
    </div>
  );
}

/** A context kind, suggesting the kinds the flag already uses (`<datalist id="context-kinds">`); empty is `user`. */
export function ContextKindInput({
  label,
  value,
  onValue,
}: {
  label: string;
  value: string | undefined;
  onValue: (value: string) => void;
}) {
  const id = useId();
  return (
    <div className="field field-inline">
      <label htmlFor={id}>Context kind</label>
      <input
        id={id}
        list="context-kinds"
        placeholder="user"
        aria-label={label}
        value={value ?? ''}
        onChange={(e) => onValue(e.target.value.trim())}
      />
    </div>
  );
}
