import { type FormEvent, useId, useState } from 'react';
import { FieldErrors } from '../../../../components/clauses/fields.js';
import type { Change } from '../../model/changes.js';
import { variationLabel } from '../../model/summary.js';
import { targetedVariation, targetLists } from '../../model/targets.js';
import type { Flag, FlagEnvironment } from '../../model/types.js';

/** Context kinds with targets in this environment, `user` first and always present. */
export function targetKinds(config: FlagEnvironment): string[] {
  return ['user', ...new Set(config.contextTargets.map((t) => t.contextKind).filter((k) => k !== 'user'))];
}

const keysOf = (config: FlagEnvironment, contextKind: string, variation: number): string[] =>
  targetLists(config)
    .filter((t) => t.contextKind === contextKind && t.variation === variation)
    .flatMap((t) => t.values);

/**
 * Individual targets: per context kind and variation, the context keys served that variation before
 * any rule. Keys are added (several at once, separated by commas or spaces) and removed one by one;
 * a key another variation targets is refused, naming that variation.
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
              servedElsewhere={(key) => {
                const other = targetedVariation(config, contextKind, key);
                return other === undefined || other === variation ? undefined : variationLabel(flag, other);
              }}
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
  servedElsewhere,
  onAdd,
  onRemove,
}: {
  label: string;
  keys: string[];
  /** The variation that already targets `key` (of this context kind), if another one does. */
  servedElsewhere: (key: string) => string | undefined;
  onAdd: (values: string[]) => void;
  onRemove: (value: string) => void;
}) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string>();
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const values = [...new Set(text.split(/[\s,]+/).filter(Boolean))];
    const taken = values.flatMap((key) => {
      const other = servedElsewhere(key);
      return other ? [`${key} is already served ${other}`] : [];
    });
    // Kept in the field to be corrected: adding the rest would leave the user to work out what was not added.
    if (taken.length > 0) {
      setError(`${taken.join('; ')}: a key can be targeted in one variation only.`);
      return;
    }
    const added = values.filter((key) => !keys.includes(key));
    if (added.length > 0) onAdd(added);
    setText('');
  };
  return (
    <div className="target-list">
      <h3 id={`${id}-title`}>{label}</h3>
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
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-error`}
          onChange={(e) => {
            setText(e.target.value);
            setError(undefined);
          }}
        />
        <button type="submit" className="button button-small" disabled={!text.trim()}>
          Add<span className="visually-hidden"> to {label}</span>
        </button>
      </form>
      <FieldErrors id={`${id}-error`} errors={error ? [error] : []} />
    </div>
  );
}
