import { useId } from 'react';
import { ContextKindInput, FieldErrors } from '../../../../components/clauses/fields.js';
import { rolloutError, TOTAL_WEIGHT } from '../../model/rollout.js';
import { percentOf, variationLabel } from '../../model/summary.js';
import type { Flag, Rollout, Serve } from '../../model/types.js';
import { type Parsed, ParsedInput, VariationSelect } from './fields.js';

/** An even split over every variation, remainders to the first ones, so it sums to 100%. */
export function evenRollout(flag: Flag): Rollout {
  const n = flag.variations.length;
  const share = Math.floor(TOTAL_WEIGHT / n);
  return {
    variations: flag.variations.map((_, i) => ({
      variation: i,
      weight: share + (i < TOTAL_WEIGHT - share * n ? 1 : 0),
    })),
  };
}

const formatPercent = (weight: number) => String(Number((weight / 1000).toFixed(3)));
/**
 * A percentage as a weight. A trailing `%` and a decimal comma are read (no percentage has a
 * thousands separator); an empty field is no share. Out of range or too precise, the weight is kept
 * as typed for the rollout's own check to name; text that is no number counts as 0% meanwhile.
 */
const parsePercent = (text: string): Parsed<number> => {
  if (text.trim() === '') return { value: 0 };
  const typed = text.trim().replace(/\s*%$/, '').replace(',', '.');
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(typed))
    return { value: 0, problem: `"${text.trim()}" is not a percentage.` };
  // Rounded off binary noise (1.005 × 1000 is 1004.999…), not off a fourth decimal, which the check names.
  const weight = Number(typed) * 1000;
  return { value: /\.\d{4,}$/.test(typed) ? weight : Math.round(weight) };
};

/**
 * What a rule or the default rule serves: one variation, or a percentage rollout edited in percents
 * (stored as weights out of 100 000) that must add up to 100%.
 *
 * @example
 * <ServeEditor flag={draft} label="Rule 1 serves" serve={rule} onChange={(s) => dispatch(…)} />
 */
export function ServeEditor({
  flag,
  label,
  serve,
  onChange,
}: {
  flag: Flag;
  label: string;
  serve: Serve;
  onChange: (serve: { variation?: number; rollout?: Rollout }) => void;
}) {
  return (
    <div className="serve">
      <VariationSelect
        flag={flag}
        label={label}
        value={serve.rollout ? 'rollout' : serve.variation}
        onChange={(v) =>
          v === 'rollout'
            ? onChange({ rollout: serve.rollout ?? evenRollout(flag) })
            : v === null
              ? undefined
              : onChange({ variation: v })
        }
        extra={<option value="rollout">Percentage rollout</option>}
      />
      {serve.rollout && (
        <RolloutEditor
          flag={flag}
          label={label}
          rollout={serve.rollout}
          onChange={(rollout) => onChange({ rollout })}
        />
      )}
    </div>
  );
}

function RolloutEditor({
  flag,
  label,
  rollout,
  onChange,
}: {
  flag: Flag;
  label: string;
  rollout: Rollout;
  onChange: (rollout: Rollout) => void;
}) {
  const id = useId();
  const error = rolloutError(rollout);
  const total = rollout.variations.reduce((sum, w) => sum + w.weight, 0);
  const weightOf = (i: number) => rollout.variations.find((w) => w.variation === i)?.weight ?? 0;
  const setWeight = (i: number, weight: number) => {
    const others = rollout.variations.filter((w) => w.variation !== i);
    const variations = [...others, { variation: i, weight }].sort((a, b) => a.variation - b.variation);
    onChange({ ...rollout, variations });
  };
  const set = (field: 'bucketBy' | 'contextKind', value: string) => {
    const next = { ...rollout };
    if (value) next[field] = value;
    else delete next[field];
    onChange(next);
  };
  return (
    <fieldset className="rollout" aria-describedby={`${id}-total ${id}-errors`}>
      <legend>{label}: percentage rollout</legend>
      <div className="rollout-weights">
        {flag.variations.map((_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: variations are identified by their index
          <div className="field field-inline" key={i}>
            <label htmlFor={`${id}-w${i}`}>{`${variationLabel(flag, i)} %`}</label>
            <ParsedInput
              id={`${id}-w${i}`}
              inputMode="decimal"
              className="percent"
              aria-label={`${label}: percentage for ${variationLabel(flag, i)}`}
              fieldName={`${label}: percentage for ${variationLabel(flag, i)}`}
              aria-invalid={error ? true : undefined}
              value={weightOf(i)}
              format={formatPercent}
              parse={parsePercent}
              onValue={(weight) => setWeight(i, weight)}
            />
          </div>
        ))}
      </div>
      <p id={`${id}-total`} className={error ? 'error-text' : 'hint'}>
        Total {percentOf(total)}
      </p>
      <FieldErrors id={`${id}-errors`} errors={error ? [error] : []} />
      <div className="row">
        <ContextKindInput
          label={`${label}: rollout context kind`}
          value={rollout.contextKind}
          onValue={(value) => set('contextKind', value)}
        />
        <div className="field field-inline">
          <label htmlFor={`${id}-bucket`}>Bucket by</label>
          <input
            id={`${id}-bucket`}
            placeholder="key"
            aria-label={`${label}: bucket by attribute`}
            value={rollout.bucketBy ?? ''}
            onChange={(e) => set('bucketBy', e.target.value.trim())}
          />
        </div>
      </div>
    </fieldset>
  );
}
