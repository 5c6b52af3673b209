import { jsonEqual, type ValueType, valueTypeOf } from '@switchboard/core';
import { useId } from 'react';
import { FieldErrors } from '../../../../components/clauses/fields.js';
import { decimalNumber } from '../../../../lib/decimal.js';
import { type Change, variationUses } from '../../model/changes.js';
import type { Flag, Json, Variation } from '../../model/types.js';
import type { Problem } from '../../model/validate.js';
import { type Parsed, ParsedInput } from '../targeting/fields.js';

const emptyValue: Record<ValueType, Json> = { boolean: false, string: '', number: 0, json: {} };

/** Where variation `index` is used, in every environment, so removing it is refused with the reason. */
function usesOf(flag: Flag, index: number): string[] {
  return Object.entries(flag.environments).flatMap(([env, config]) =>
    variationUses(config)
      .filter((u) => u.index === index)
      .map((u) => `${env}: ${u.where}`),
  );
}

/**
 * The flag's variations: value (in the flag's type; JSON as validated JSON text), name and
 * description. Boolean flags keep exactly `true` and `false`. A variation in use anywhere cannot be
 * removed; removing one renumbers the references to later ones in every environment.
 */
export function VariationsEditor({
  flag,
  dispatch,
  problems = [],
}: {
  flag: Flag;
  dispatch: (change: Change) => void;
  /** What keeps the draft from being saved, by variation (a value that repeats another's). */
  problems?: readonly Problem[];
}) {
  // Every variation keeps the flag's type (the API refuses a change of it).
  const type = valueTypeOf(flag.variations.map((v) => v.value));
  const update = (index: number, variation: Variation) =>
    dispatch({ kind: 'updateVariation', index, variation });
  return (
    <div className="variations">
      <p className="muted">
        Value type: <strong>{type}</strong>. Changes here apply to every environment.
      </p>
      <ol className="plain-list">
        {flag.variations.map((variation, index) => {
          const uses = usesOf(flag, index);
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: variations are identified by their index
            <li key={index} className="card variation">
              <h2>Variation {index + 1}</h2>
              <ValueField
                type={type}
                index={index}
                errors={problems.filter((p) => p.variation === index).map((p) => p.message)}
                value={variation.value}
                onValue={(value) => update(index, { ...variation, value })}
              />
              <div className="row">
                <div className="field field-inline">
                  <label htmlFor={`v${index}-name`}>Name</label>
                  <input
                    id={`v${index}-name`}
                    aria-label={`Variation ${index + 1} name`}
                    value={variation.name ?? ''}
                    onChange={(e) => update(index, withText(variation, 'name', e.target.value))}
                  />
                </div>
                <div className="field field-inline grow">
                  <label htmlFor={`v${index}-description`}>Description</label>
                  <input
                    id={`v${index}-description`}
                    aria-label={`Variation ${index + 1} description`}
                    value={variation.description ?? ''}
                    onChange={(e) => update(index, withText(variation, 'description', e.target.value))}
                  />
                </div>
                {type !== 'boolean' && (
                  <button
                    type="button"
                    className="button button-small button-danger-outline"
                    aria-label={`Remove variation ${index + 1}`}
                    disabled={uses.length > 0 || flag.variations.length <= 1}
                    title={uses.length > 0 ? `In use: ${uses.join('; ')}` : undefined}
                    onClick={() => dispatch({ kind: 'removeVariation', index })}
                  >
                    Remove
                  </button>
                )}
              </div>
              {uses.length > 0 && type !== 'boolean' && (
                <p className="hint">In use ({uses.join('; ')}), so it cannot be removed.</p>
              )}
            </li>
          );
        })}
      </ol>
      {type !== 'boolean' && (
        <button
          type="button"
          className="button"
          onClick={() => dispatch({ kind: 'addVariation', variation: { value: emptyValue[type] } })}
        >
          Add a variation
        </button>
      )}
    </div>
  );
}

function withText(variation: Variation, field: 'name' | 'description', text: string): Variation {
  const next = { ...variation };
  if (text) next[field] = text;
  else delete next[field];
  return next;
}

const parseNumber = (text: string): Parsed<Json> => {
  if (text.trim() === '') return { problem: 'Enter a number.' };
  const value = decimalNumber(text);
  if (value !== undefined) return { value };
  // 1,5 could be one and a half or (1,500) fifteen hundred: neither is guessed.
  const hint = text.includes(',') ? '; use a dot for decimals' : '';
  return { problem: `"${text.trim()}" is not a number${hint}.` };
};

const formatJson = (value: Json) => JSON.stringify(value, null, 2);
const parseJson = (text: string): Parsed<Json> => {
  try {
    return { value: JSON.parse(text) as Json };
  } catch (error) {
    return { problem: `Not valid JSON: ${(error as Error).message}` };
  }
};

function ValueField({
  type,
  index,
  value,
  onValue,
  errors,
}: {
  type: ValueType;
  index: number;
  value: Json;
  onValue: (value: Json) => void;
  errors: readonly string[];
}) {
  const id = useId();
  const label = `Variation ${index + 1} value`;
  const described = {
    'aria-invalid': errors.length > 0 || undefined,
    'aria-describedby': `${id}-errors`,
  } as const;
  const fieldErrors = <FieldErrors id={`${id}-errors`} errors={errors} />;
  if (type === 'boolean')
    return (
      <p>
        Value: <code>{String(value)}</code>
      </p>
    );
  if (type === 'string')
    return (
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <input id={id} value={String(value)} onChange={(e) => onValue(e.target.value)} {...described} />
        {fieldErrors}
      </div>
    );
  const json = type === 'json';
  return (
    <div className="field">
      <label htmlFor={id}>{json ? `${label} (JSON)` : label}</label>
      <ParsedInput
        id={id}
        fieldName={label}
        value={value}
        onValue={onValue}
        {...described}
        {...(json
          ? {
              multiline: true,
              rows: 4,
              className: 'code',
              format: formatJson,
              parse: parseJson,
              same: jsonEqual,
            }
          : { inputMode: 'decimal', format: String, parse: parseNumber })}
      />
      {fieldErrors}
    </div>
  );
}
