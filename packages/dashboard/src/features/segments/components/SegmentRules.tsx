import { useState } from 'react';
import { ClauseEditor } from '../../../components/clauses/ClauseEditor.js';
import {
  COMMON_ATTRIBUTES,
  newClause,
  type SegmentChoice,
} from '../../../components/clauses/clause-model.js';
import { focusFirstField } from '../../../lib/focus-first-field.js';
import type { SegmentRule } from '../segment-form-model.js';

export interface SegmentRulesProps {
  readonly rules: readonly SegmentRule[];
  /** Other segments of the environment, for `segmentMatch` conditions. */
  readonly segments: readonly SegmentChoice[];
  readonly onChange: (rules: SegmentRule[]) => void;
}

/**
 * A segment's rules with the flag page's condition editor: a context is in the segment when it
 * matches any rule, and matches a rule when every condition does. A rule's `weight` and `bucketBy`
 * (set over the API) are shown and kept.
 *
 * @example
 * <SegmentRules rules={form.rules} segments={others} onChange={(rules) => setForm({ ...form, rules })} />
 */
export function SegmentRules({ rules, segments, onChange }: SegmentRulesProps) {
  const set = (i: number, rule: SegmentRule) => onChange(rules.map((r, j) => (j === i ? rule : r)));
  const [added, setAdded] = useState<string>();
  return (
    <fieldset className="segment-rules">
      <legend>Rules</legend>
      <p className="muted hint">
        A context is in the segment when it matches any rule; it matches a rule when every condition matches.
      </p>
      <datalist id="attributes">
        {COMMON_ATTRIBUTES.map((a) => (
          <option key={a} value={a} />
        ))}
      </datalist>
      <datalist id="context-kinds">
        <option value="user" />
      </datalist>
      {rules.length === 0 && <p className="muted">No rules.</p>}
      {rules.map((rule, i) => (
        <fieldset
          key={rule.id}
          className="segment-rule"
          ref={rule.id === added ? focusFirstField : undefined}
        >
          <legend>Rule {i + 1}</legend>
          {rule.weight !== undefined && (
            <p className="muted hint">
              Includes {rule.weight / 1000}% of the contexts that match
              {rule.bucketBy ? `, by ${rule.bucketBy}` : ''} (set over the API).
            </p>
          )}
          {rule.clauses.map((clause, j) => (
            <ClauseEditor
              // Conditions have no id; their position is their identity while the editor is open.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              key={j}
              label={`Rule ${i + 1} condition ${j + 1}`}
              clause={clause}
              segments={segments}
              onChange={(next) =>
                set(i, { ...rule, clauses: rule.clauses.map((c, k) => (k === j ? next : c)) })
              }
              onRemove={() => set(i, { ...rule, clauses: rule.clauses.filter((_, k) => k !== j) })}
            />
          ))}
          <div className="actions">
            <button
              type="button"
              className="button button-small"
              onClick={() => set(i, { ...rule, clauses: [...rule.clauses, newClause()] })}
            >
              Add a condition to rule {i + 1}
            </button>
            <button
              type="button"
              className="button button-small button-danger-outline"
              onClick={() => onChange(rules.filter((_, j) => j !== i))}
            >
              Remove rule {i + 1}
            </button>
          </div>
        </fieldset>
      ))}
      <button
        type="button"
        className="button button-small"
        onClick={() => {
          const rule = { id: crypto.randomUUID(), clauses: [newClause()] };
          setAdded(rule.id);
          onChange([...rules, rule]);
        }}
      >
        Add a rule
      </button>
    </fieldset>
  );
}
