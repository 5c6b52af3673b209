import { useId, useState } from 'react';
import { COMMON_ATTRIBUTES } from '../../../../components/clauses/clause-model.js';
import { FieldErrors } from '../../../../components/clauses/fields.js';
import { Switch } from '../../../../components/Switch.js';
import type { Change } from '../../model/changes.js';
import type { Flag, Segment } from '../../model/types.js';
import type { Problem } from '../../model/validate.js';
import { VariationSelect } from './fields.js';
import { IndividualTargets, targetKinds } from './IndividualTargets.js';
import { Prerequisites } from './Prerequisites.js';
import { newRule, RuleEditor } from './RuleEditor.js';
import { ServeEditor } from './ServeEditor.js';

export interface TargetingEditorProps {
  readonly project: string;
  readonly env: string;
  /** The environment's display name, for accessible names ("checkout in Production"). */
  readonly envName: string;
  /** The draft: what the editor shows. */
  readonly flag: Flag;
  readonly segments: readonly Segment[];
  readonly apiProblems: readonly Problem[];
  readonly dispatch: (change: Change) => void;
}

/**
 * One environment's targeting, in evaluation order: on/off, prerequisites, individual targets, rules,
 * the default rule, and what is served when the flag is off. Every edit is dispatched to the draft.
 */
export function TargetingEditor({
  project,
  env,
  envName,
  flag,
  segments,
  apiProblems,
  dispatch,
}: TargetingEditorProps) {
  const id = useId();
  const [added, setAdded] = useState<string>();
  const config = flag.environments[env];
  if (!config) return <p className="notice">This flag has no configuration in {envName}.</p>;
  const at = (section: Problem['section']) =>
    apiProblems.filter((p) => p.section === section).map((p) => p.message);
  const move = (from: number, to: number) => {
    const ids = config.rules.map((r) => r.id);
    const [moved] = ids.splice(from, 1);
    ids.splice(to, 0, moved as string);
    dispatch({ kind: 'reorderRules', ruleIds: ids });
  };
  const kinds = new Set([
    ...targetKinds(config),
    ...config.rules.flatMap((r) => r.clauses.map((c) => c.contextKind ?? 'user')),
  ]);
  return (
    <div className="targeting">
      <datalist id="context-kinds">
        {[...kinds].map((k) => (
          <option key={k} value={k} />
        ))}
      </datalist>
      <datalist id="attributes">
        {COMMON_ATTRIBUTES.map((a) => (
          <option key={a} value={a} />
        ))}
      </datalist>

      <section className="card" aria-labelledby={`${id}-on`}>
        <div className="row">
          <h2 id={`${id}-on`}>Targeting in {envName}</h2>
          <Switch
            checked={config.on}
            label={`${flag.key} in ${envName}`}
            onCheckedChange={(on) => dispatch({ kind: on ? 'turnFlagOn' : 'turnFlagOff' })}
          />
          <span aria-hidden="true">{config.on ? 'On' : 'Off'}</span>
        </div>
        <p className="muted">
          {config.on
            ? 'On: contexts go through prerequisites, targets and rules below.'
            : 'Off: every context gets the off variation.'}
        </p>
      </section>

      <section className="card" aria-labelledby={`${id}-prereq`}>
        <h2 id={`${id}-prereq`}>Prerequisites</h2>
        <Prerequisites project={project} flagKey={flag.key} config={config} dispatch={dispatch} />
        <FieldErrors errors={at('prerequisites')} />
      </section>

      <section className="card" aria-labelledby={`${id}-targets`}>
        <h2 id={`${id}-targets`}>Individual targets</h2>
        <IndividualTargets flag={flag} config={config} dispatch={dispatch} />
        <FieldErrors errors={at('targets')} />
      </section>

      <section className="card" aria-labelledby={`${id}-rules`}>
        <h2 id={`${id}-rules`}>Rules</h2>
        {config.rules.length === 0 && (
          <p className="muted">No rules: contexts not targeted individually get the default rule.</p>
        )}
        {config.rules.map((rule, index) => (
          <RuleEditor
            key={rule.id}
            flag={flag}
            rule={rule}
            index={index}
            count={config.rules.length}
            segments={segments}
            apiProblems={apiProblems}
            dispatch={dispatch}
            onMove={(to) => move(index, to)}
            added={rule.id === added}
          />
        ))}
        <FieldErrors
          errors={apiProblems.filter((p) => p.section === 'rules' && !p.ruleId).map((p) => p.message)}
        />
        <button
          type="button"
          className="button"
          onClick={() => {
            const rule = newRule();
            setAdded(rule.id);
            dispatch({ kind: 'addRule', rule });
          }}
        >
          Add a rule
        </button>
      </section>

      <section className="card" aria-labelledby={`${id}-default`}>
        <h2 id={`${id}-default`}>Default rule</h2>
        <ServeEditor
          flag={flag}
          label="Default rule serves"
          serve={config.fallthrough}
          onChange={(serve) => dispatch({ kind: 'updateFallthrough', ...serve })}
        />
        <FieldErrors errors={at('fallthrough')} />
      </section>

      <section className="card" aria-labelledby={`${id}-off`}>
        <h2 id={`${id}-off`}>When the flag is off</h2>
        <VariationSelect
          flag={flag}
          label="Off variation"
          allowNone
          value={config.offVariation}
          onChange={(v) => dispatch({ kind: 'updateOffVariation', variation: v === 'rollout' ? null : v })}
        />
        <FieldErrors errors={at('off')} />
      </section>
    </div>
  );
}
