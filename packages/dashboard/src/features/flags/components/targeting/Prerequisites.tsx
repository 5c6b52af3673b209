import { type FormEvent, useId, useState } from 'react';
import { useFlagChoices } from '../../api/flag-choices.js';
import { useFlagVariations } from '../../api/flag-variations.js';
import type { Change } from '../../model/changes.js';
import { prerequisiteLabel, variationLabel } from '../../model/summary.js';
import type { FlagEnvironment } from '../../model/types.js';

/**
 * Prerequisites: flags that must serve a given variation for this one to go past its off variation.
 * The picker searches the project's flags; the variation list is the chosen flag's.
 */
export function Prerequisites({
  project,
  flagKey,
  config,
  dispatch,
}: {
  project: string;
  flagKey: string;
  config: FlagEnvironment;
  dispatch: (change: Change) => void;
}) {
  const id = useId();
  const [q, setQ] = useState('');
  const [chosen, setChosen] = useState('');
  const [variation, setVariation] = useState(0);
  const { data: choices = [] } = useFlagChoices(project, { q });
  const used = new Set(config.prerequisites.map((p) => p.key));
  const candidates = choices.filter((f) => f.key !== flagKey && !used.has(f.key));
  const chosenFlag = choices.find((f) => f.key === chosen);
  const add = (event: FormEvent) => {
    event.preventDefault();
    if (!chosenFlag) return;
    dispatch({ kind: 'addPrerequisite', key: chosenFlag.key, variation });
    setChosen('');
    setVariation(0);
  };
  const variationsOf = useFlagVariations(
    project,
    config.prerequisites.map((p) => p.key),
  );
  return (
    <div className="prerequisites">
      {config.prerequisites.length === 0 && <p className="muted">No prerequisites.</p>}
      <ul className="plain-list">
        {config.prerequisites.map((p) => (
          <li key={p.key} className="row">
            <span>
              <code>{p.key}</code> must serve{' '}
              <strong>{prerequisiteLabel(variationsOf(p.key), p.variation)}</strong>
            </span>
            <button
              type="button"
              className="button button-small"
              aria-label={`Remove prerequisite ${p.key}`}
              onClick={() => dispatch({ kind: 'removePrerequisite', key: p.key })}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
      <form className="row" onSubmit={add}>
        <div className="field field-inline">
          <label htmlFor={`${id}-q`}>Find a flag</label>
          <input id={`${id}-q`} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </div>
        <div className="field field-inline">
          <label htmlFor={`${id}-flag`}>Prerequisite flag</label>
          <select
            id={`${id}-flag`}
            value={chosen}
            onChange={(e) => {
              setChosen(e.target.value);
              setVariation(0);
            }}
          >
            <option value="">Choose…</option>
            {candidates.map((f) => (
              <option key={f.key} value={f.key}>
                {f.name} ({f.key})
              </option>
            ))}
          </select>
        </div>
        <div className="field field-inline">
          <label htmlFor={`${id}-variation`}>Must serve</label>
          <select
            id={`${id}-variation`}
            value={variation}
            disabled={!chosenFlag}
            onChange={(e) => setVariation(Number(e.target.value))}
          >
            {(chosenFlag?.variations ?? []).map((_, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: variations are identified by their index
              <option key={i} value={i}>
                {chosenFlag ? variationLabel(chosenFlag, i) : i}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button-small" disabled={!chosenFlag}>
          Add prerequisite
        </button>
      </form>
    </div>
  );
}
