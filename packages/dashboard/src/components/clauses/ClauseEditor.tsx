import { parseDate } from '@switchboard/core';
import { useId, useState } from 'react';
import {
  type Clause,
  clauseErrors,
  type Json,
  OPERATORS,
  type SegmentChoice,
  valueError,
  valueKindOf,
  valuesForOperator,
} from './clause-model.js';
import { ContextKindInput, FieldErrors, LinesField } from './fields.js';
import '../editor.css';
import { decimalNumber } from '../../lib/decimal.js';

export interface ClauseEditorProps {
  /** "Rule 1 condition 2": prefixes every control's accessible name. */
  readonly label: string;
  readonly clause: Clause;
  readonly segments: readonly SegmentChoice[];
  readonly onChange: (clause: Clause) => void;
  readonly onRemove: () => void;
}

/**
 * One condition: context kind, attribute, operator, negate, and the value input the operator takes
 * (lines of text, numbers, versions or patterns; date-time pickers; a segment picker). Used by a
 * flag's rules and a segment's rules; the page provides `<datalist id="attributes">` (e.g. from
 * `COMMON_ATTRIBUTES`) and `<datalist id="context-kinds">` for suggestions.
 *
 * @example
 * <ClauseEditor label="Rule 1 condition 1" clause={clause} segments={segments}
 *   onChange={(next) => update(0, next)} onRemove={() => remove(0)} />
 */
export function ClauseEditor({ label, clause, segments, onChange, onRemove }: ClauseEditorProps) {
  const id = useId();
  const kind = valueKindOf(clause.op);
  const set = (patch: Partial<Clause>) => onChange({ ...clause, ...patch });
  const problems = clauseErrors(clause).filter((e) => !e.startsWith('Value '));
  return (
    <fieldset className="clause">
      <legend className="visually-hidden">{label}</legend>
      <div className="row">
        {kind !== 'segment' && (
          <>
            <ContextKindInput
              label={`${label} context kind`}
              value={clause.contextKind}
              onValue={(value) => {
                const { contextKind: _dropped, ...rest } = clause;
                onChange(value ? { ...rest, contextKind: value } : rest);
              }}
            />
            <div className="field field-inline">
              <label htmlFor={`${id}-attr`}>Attribute</label>
              <input
                id={`${id}-attr`}
                list="attributes"
                placeholder="key, email, /address/country…"
                aria-label={`${label} attribute`}
                aria-invalid={!clause.attribute.trim() || undefined}
                value={clause.attribute}
                onChange={(e) => set({ attribute: e.target.value })}
              />
            </div>
          </>
        )}
        <div className="field field-inline">
          <label htmlFor={`${id}-negate`}>
            <input
              id={`${id}-negate`}
              type="checkbox"
              aria-label={`${label} negate`}
              checked={clause.negate ?? false}
              onChange={(e) => {
                const { negate: _dropped, ...rest } = clause;
                onChange(e.target.checked ? { ...rest, negate: true } : rest);
              }}
            />{' '}
            not
          </label>
        </div>
        <div className="field field-inline">
          <label htmlFor={`${id}-op`}>Operator</label>
          <select
            id={`${id}-op`}
            aria-label={`${label} operator`}
            value={clause.op}
            onChange={(e) => {
              const op = e.target.value;
              set({
                op,
                values: valuesForOperator(op, clause.values),
                ...(op === 'segmentMatch' ? { attribute: '' } : clause.attribute ? {} : { attribute: 'key' }),
              });
            }}
          >
            {OPERATORS.map((o) => (
              <option key={o.op} value={o.op}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          className="button button-small"
          onClick={onRemove}
          aria-label={`Remove ${label}`}
        >
          Remove
        </button>
      </div>
      <ClauseValues
        label={label}
        clause={clause}
        segments={segments}
        onValues={(values) => set({ values })}
      />
      <FieldErrors errors={problems} />
    </fieldset>
  );
}

function ClauseValues({
  label,
  clause,
  segments,
  onValues,
}: {
  label: string;
  clause: Clause;
  segments: readonly SegmentChoice[];
  onValues: (values: Json[]) => void;
}) {
  const kind = valueKindOf(clause.op);
  const errors = clause.values.flatMap((v, i) => {
    const problem = valueError(kind, v);
    return problem ? [`${String(v)} (value ${i + 1}) ${problem}.`] : [];
  });
  switch (kind) {
    case 'segment':
      return (
        <SegmentPicker
          label={label}
          selected={clause.values as string[]}
          segments={segments}
          onValues={onValues}
        />
      );
    case 'date':
      return <DateValues label={label} values={clause.values} onValues={onValues} errors={errors} />;
    case 'number':
    case 'semver':
    case 'regex': {
      const lines = LINE_KINDS[kind];
      return (
        <LinesField
          label={`${label} ${lines.noun}`}
          visibleLabel={lines.noun[0]?.toUpperCase() + lines.noun.slice(1)}
          lines={clause.values.map(String)}
          onLines={(texts) => onValues(texts.map(lines.parse))}
          errors={errors}
          hint={lines.hint}
        />
      );
    }
    default:
      return <TextValues label={label} values={clause.values} onValues={onValues} errors={errors} />;
  }
}

/** Operators whose values are typed one per line. */
const LINE_KINDS: Record<
  'number' | 'semver' | 'regex',
  { noun: string; hint: string; parse: (line: string) => Json }
> = {
  number: {
    noun: 'numbers',
    hint: 'One number per line.',
    parse: (line) => decimalNumber(line) ?? line,
  },
  semver: {
    noun: 'versions',
    hint: 'One semantic version per line, such as 2.1.0 or 3.0.0-beta.1.',
    parse: (line) => line,
  },
  regex: {
    noun: 'patterns',
    hint: 'One regular expression per line; a context matches when any of them is found in the attribute.',
    parse: (line) => line,
  },
};

/** A value editor: the clause's label, its values, and the problems found in them. */
interface ValuesProps {
  readonly label: string;
  readonly values: Json[];
  readonly onValues: (values: Json[]) => void;
  readonly errors: string[];
}

type TextType = 'string' | 'number' | 'boolean';

function TextValues({ label, values, onValues, errors }: ValuesProps) {
  const id = useId();
  const type: TextType =
    typeof values[0] === 'number' ? 'number' : typeof values[0] === 'boolean' ? 'boolean' : 'string';
  const convert = (lines: string[], to: TextType): Json[] =>
    lines.map((l) => {
      if (to === 'number') return decimalNumber(l) ?? l;
      if (to === 'boolean' && (l === 'true' || l === 'false')) return l === 'true';
      return l;
    });
  return (
    <div className="values">
      <div className="field field-inline">
        <label htmlFor={id}>Values are</label>
        <select
          id={id}
          aria-label={`${label} value type`}
          value={type}
          onChange={(e) => onValues(convert(values.map(String), e.target.value as TextType))}
        >
          <option value="string">text</option>
          <option value="number">numbers</option>
          <option value="boolean">booleans</option>
        </select>
      </div>
      <LinesField
        label={`${label} values`}
        visibleLabel="Values"
        lines={values.map(String)}
        onLines={(lines) => onValues(convert(lines, type))}
        errors={errors}
      />
    </div>
  );
}

type DateFormat = 'epoch' | 'rfc3339';

/** `datetime-local` speaks local wall-clock time, without a zone. */
const toLocalInput = (ms: number) => {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

function DateValues({ label, values, onValues, errors }: ValuesProps) {
  const id = useId();
  const stored = (): DateFormat => (typeof values[0] === 'string' ? 'rfc3339' : 'epoch');
  // The dates say how they are stored; while there are none, the choice is kept here for the next.
  const [chosen, setChosen] = useState(stored);
  const format = values.length === 0 ? chosen : stored();
  const encode = (ms: number, as: DateFormat): Json => (as === 'epoch' ? ms : new Date(ms).toISOString());
  const setAt = (i: number, text: string) => {
    const ms = new Date(text).getTime();
    if (!Number.isFinite(ms)) return;
    onValues(values.map((v, j) => (j === i ? encode(ms, format) : v)));
  };
  return (
    <fieldset className="values">
      <legend>{`${label} dates`}</legend>
      <div className="field field-inline">
        <label htmlFor={`${id}-format`}>Stored as</label>
        <select
          id={`${id}-format`}
          aria-label={`${label} date format`}
          value={format}
          onChange={(e) => {
            const next = e.target.value as DateFormat;
            setChosen(next);
            onValues(
              values.map((v) => {
                const ms = parseDate(v);
                return ms === undefined ? v : encode(ms, next);
              }),
            );
          }}
        >
          <option value="epoch">epoch milliseconds</option>
          <option value="rfc3339">RFC 3339 (UTC)</option>
        </select>
      </div>
      {values.map((v, i) => {
        const ms = parseDate(v);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: dates are edited in place by position
          <div className="row" key={i}>
            <input
              type="datetime-local"
              aria-label={`${label} date ${i + 1}`}
              value={ms === undefined ? '' : toLocalInput(ms)}
              onChange={(e) => setAt(i, e.target.value)}
            />
            <code className="muted">{JSON.stringify(v)}</code>
            <button
              type="button"
              className="button button-small"
              aria-label={`Remove ${label} date ${i + 1}`}
              onClick={() => onValues(values.filter((_, j) => j !== i))}
            >
              Remove
            </button>
          </div>
        );
      })}
      <button
        type="button"
        className="button button-small"
        onClick={() => onValues([...values, encode(Date.now(), format)])}
      >
        Add a date
      </button>
      <FieldErrors errors={errors} />
    </fieldset>
  );
}

function SegmentPicker({
  label,
  selected,
  segments,
  onValues,
}: {
  label: string;
  selected: string[];
  segments: readonly SegmentChoice[];
  onValues: (values: Json[]) => void;
}) {
  const known = new Set(segments.map((s) => s.key));
  const missing = selected.filter((key) => !known.has(key));
  const options = [
    ...segments.map((s) => ({ key: s.key, name: s.name })),
    ...missing.map((key) => ({ key, name: `${key} (not found)` })),
  ];
  return (
    <fieldset className="values segments">
      <legend>{`${label} segments`}</legend>
      {options.length === 0 && <p className="muted">This environment has no segments yet.</p>}
      {options.map((s) => (
        <label key={s.key} className="checkbox">
          <input
            type="checkbox"
            checked={selected.includes(s.key)}
            onChange={(e) =>
              onValues(e.target.checked ? [...selected, s.key] : selected.filter((k) => k !== s.key))
            }
          />{' '}
          {s.name} <code>{s.key}</code>
        </label>
      ))}
    </fieldset>
  );
}
