import { useId } from 'react';
import { ClauseEditor } from '../../../../components/clauses/ClauseEditor.js';
import { newClause } from '../../../../components/clauses/clause-model.js';
import { FieldErrors } from '../../../../components/clauses/fields.js';
import { focusFirstField } from '../../../../lib/focus-first-field.js';
import type { Change } from '../../model/changes.js';
import type { Clause, Flag, Rule, Segment } from '../../model/types.js';
import type { Problem } from '../../model/validate.js';
import { ServeEditor } from './ServeEditor.js';

/** A new rule: one empty condition, serving the first variation; its id is the client's, kept by the API. */
export const newRule = (): Rule => ({ id: crypto.randomUUID(), clauses: [newClause()], variation: 0 });

export interface RuleEditorProps {
  readonly flag: Flag;
  readonly rule: Rule;
  readonly index: number;
  readonly count: number;
  readonly segments: readonly Segment[];
  /** Problems the API reported when the draft was saved. */
  readonly apiProblems: readonly Problem[];
  readonly dispatch: (change: Change) => void;
  readonly onMove: (to: number) => void;
  /** The rule was just added: its first field takes the focus. */
  readonly added?: boolean;
}

/** One targeting rule: description, conditions (all must match), what it serves, its place in the order. */
export function RuleEditor({
  flag,
  rule,
  index,
  count,
  segments,
  apiProblems,
  dispatch,
  onMove,
  added = false,
}: RuleEditorProps) {
  const id = useId();
  const label = `Rule ${index + 1}`;
  const setClauses = (clauses: Clause[]) => dispatch({ kind: 'updateRuleClauses', ruleId: rule.id, clauses });
  // The editors show their own checks; these are what the API refused about this rule.
  const refused = apiProblems.filter((p) => p.ruleId === rule.id);
  return (
    <section className="rule card" aria-labelledby={`${id}-title`} ref={added ? focusFirstField : undefined}>
      <header className="rule-header">
        <h3 id={`${id}-title`}>{label}</h3>
        <input
          className="rule-description"
          aria-label={`${label} description`}
          placeholder="Description (optional)"
          value={rule.description ?? ''}
          onChange={(e) =>
            dispatch({ kind: 'updateRuleDescription', ruleId: rule.id, description: e.target.value })
          }
        />
        <div className="rule-actions">
          <button
            type="button"
            className="button button-small"
            aria-label={`Move ${label} up`}
            disabled={index === 0}
            onClick={() => onMove(index - 1)}
          >
            ↑
          </button>
          <button
            type="button"
            className="button button-small"
            aria-label={`Move ${label} down`}
            disabled={index === count - 1}
            onClick={() => onMove(index + 1)}
          >
            ↓
          </button>
          <button
            type="button"
            className="button button-small button-danger-outline"
            aria-label={`Delete ${label}`}
            onClick={() => dispatch({ kind: 'removeRule', ruleId: rule.id })}
          >
            Delete
          </button>
        </div>
      </header>
      <p className="muted">If every condition matches:</p>
      {rule.clauses.map((clause, i) => (
        <ClauseEditor
          // biome-ignore lint/suspicious/noArrayIndexKey: clauses have no identity but their position
          key={i}
          label={`${label} condition ${i + 1}`}
          clause={clause}
          segments={segments}
          onChange={(next) => setClauses(rule.clauses.map((c, j) => (j === i ? next : c)))}
          onRemove={() => setClauses(rule.clauses.filter((_, j) => j !== i))}
        />
      ))}
      <button
        type="button"
        className="button button-small"
        onClick={() => setClauses([...rule.clauses, newClause()])}
      >
        Add a condition to {label.toLowerCase()}
      </button>
      <ServeEditor
        flag={flag}
        label={`${label} serves`}
        serve={rule}
        onChange={(serve) => dispatch({ kind: 'updateRuleVariationOrRollout', ruleId: rule.id, ...serve })}
      />
      <FieldErrors errors={refused.map((p) => p.message)} />
    </section>
  );
}
