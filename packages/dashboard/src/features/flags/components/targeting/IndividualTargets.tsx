import { type FormEvent, useId, useState } from 'react';
import type { Change } from '../../model/changes.js';
import { variationLabel } from '../../model/summary.js';
import type { Flag, FlagEnvironment } from '../../model/types.js';

/** Context kinds with targets in this environment, `user` first and always present. */
export function targetKinds(config: FlagEnvironment): string[] {
  return ['user', ...new Set(config.contextTargets.map((t) => t.contextKind).filter((k) => k !== 'user'))];
}

function keysOf(config: FlagEnvironment, contextKind: string, variation: number): string[] {
  const list =
    contextKind === 'user'
      ? config.targets.filter((t) => t.variation === variation)
      : config.contextTargets.filter((t) => t.contextKind === contextKind && t.variation === variation);
  return list.flatMap((t) => t.values);
}

/**
 * Individual targets: per context kind and variation, the context keys served that variation before
 * any rule. Keys are added (several at once, separated by commas or spaces) and removed one by one.
 */
export function IndividualTargets({
  flag,
  config,
  dispatch,
}: {
  flag: Flag;
  config: FlagEnvironment;
  dispatch: (change: Change) => void;
}) {
  const [extraKinds, setExtraKinds] = useState<string[]>([]);
  const [newKind, setNewKind] = useState('');
  const id = useId();
  const kinds = [...new Set([...targetKinds(config), ...extraKinds])];
  const addKind = (event: FormEvent) => {
    event.preventDefault();
    const kind = newKind.trim();
    if (kind) setExtraKinds((k) => [...k, kind]);
    setNewKind('');
  };
  return (
    <div className="targets">
      {kinds.map((contextKind) => (
        <fieldset key={contextKind} className="target-kind">
          <legend>
            Context kind <code>{contextKind}</code>
          </legend>
          {flag.variations.map((_, variation) => (
            <TargetList
              // biome-ignore lint/suspicious/noArrayIndexKey: variations are identified by their index
              key={variation}
              label={`${contextKind} targets served ${variationLabel(flag, variation)}`}
              keys={keysOf(config, contextKind, variation)}
              onAdd={(values) => dispatch({ kind: 'addTargets', contextKind, variation, values })}
              onRemove={(value) =>
                dispatch({ kind: 'removeTargets', contextKind, variation, values: [value] })
              }
            />
          ))}
        </fieldset>
      ))}
      <form className="row" onSubmit={addKind}>
        <label htmlFor={id}>Target another context kind</label>
        <input
          id={id}
          list="context-kinds"
          placeholder="organization, device…"
          value={newKind}
          onChange={(e) => setNewKind(e.target.value)}
        />
        <button type="submit" className="button button-small" disabled={!newKind.trim()}>
          Add context kind
        </button>
      </form>
    </div>
  );
}

function TargetList({
  label,
  keys,
  onAdd,
  onRemove,
}: {
  label: string;
  keys: string[];
  onAdd: (values: string[]) => void;
  onRemove: (value: string) => void;
}) {
  const [text, setText] = useState('');
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const values = text.split(/[\s,]+/).filter(Boolean);
    if (values.length > 0) onAdd(values);
    setText('');
  };
  return (
    <div className="target-list">
      <h5 id={`${id}-title`}>{label}</h5>
      <ul className="chips" aria-labelledby={`${id}-title`}>
        {keys.map((key) => (
          <li key={key} className="chip">
            <span>{key}</span>
            <button type="button" aria-label={`Remove ${key} from ${label}`} onClick={() => onRemove(key)}>
              ×
            </button>
          </li>
        ))}
        {keys.length === 0 && <li className="muted">No targets</li>}
      </ul>
      <form className="row" onSubmit={submit}>
        <input
          aria-label={`Add ${label}`}
          placeholder="context keys"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit" className="button button-small" disabled={!text.trim()}>
          Add<span className="visually-hidden"> to {label}</span>
        </button>
      </form>
    </div>
  );
}
