import { type FormEvent, useId, useState } from 'react';
import { ErrorNotice } from '../../../../components/ErrorNotice.js';
import { TableScroll } from '../../../../components/TableScroll.js';
import { useEvaluate } from '../../api/evaluate.js';
import { formatValue, variationLabel } from '../../model/summary.js';
import type { EvaluationResult, Flag, Json } from '../../model/types.js';

interface Attribute {
  readonly name: string;
  readonly value: string;
}

/** An attribute typed as text: JSON when it parses (`42`, `true`, `["a"]`), a string otherwise. */
const attributeValue = (text: string): Json => {
  try {
    return JSON.parse(text) as Json;
  } catch {
    return text;
  }
};

function reasonText(reason: EvaluationResult['reason'], flag?: Flag, env?: string): string {
  if (!reason) return '—';
  const kind = String(reason.kind ?? '');
  if (kind === 'RULE_MATCH') {
    const index = Number(reason.ruleIndex);
    const rule = flag && env ? flag.environments[env]?.rules[index] : undefined;
    return `matched rule ${index + 1}${rule?.description ? ` “${rule.description}”` : ''}`;
  }
  if (kind === 'PREREQUISITE_FAILED') return `prerequisite ${String(reason.prerequisiteKey)} failed`;
  if (kind === 'ERROR') return `error: ${String(reason.errorKind)}`;
  const words: Record<string, string> = {
    OFF: 'the flag is off',
    FALLTHROUGH: 'default rule',
    TARGET_MATCH: 'individually targeted',
  };
  const inRollout = reason.inExperiment ? ' (in experiment)' : '';
  return `${words[kind] ?? kind}${inRollout}`;
}

/**
 * "Test a context": build a context (kind, key, attributes) or paste its JSON, and see what this flag
 * and every other flag of the environment serve it, with the reason. Evaluates the saved flags.
 */
export function TestContextPanel({ project, env, flag }: { project: string; env: string; flag: Flag }) {
  const id = useId();
  const [kind, setKind] = useState('user');
  const [key, setKey] = useState('');
  const [attributes, setAttributes] = useState<Attribute[]>([]);
  const [json, setJson] = useState('');
  const [jsonError, setJsonError] = useState<string>();
  const evaluate = useEvaluate(project, env);

  const built = (): Record<string, Json> => ({
    kind,
    key,
    ...Object.fromEntries(
      attributes.filter((a) => a.name.trim()).map((a) => [a.name.trim(), attributeValue(a.value)]),
    ),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    let context: Record<string, Json>;
    if (json.trim()) {
      try {
        const parsed = JSON.parse(json) as unknown;
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
          throw new Error('a context is a JSON object');
        context = parsed as Record<string, Json>;
      } catch (error) {
        setJsonError(`Not a context: ${(error as Error).message}`);
        // The answer shown was to another context; left there it would read as this one's.
        evaluate.reset();
        return;
      }
    } else context = built();
    setJsonError(undefined);
    evaluate.mutate(context);
  };

  const values = evaluate.data;
  const mine = values?.[flag.key];
  return (
    <div className="test-context">
      <p className="muted">Evaluates the saved configuration in {env}; unsaved changes are not included.</p>
      <form onSubmit={submit} aria-label="Test a context">
        <fieldset>
          <legend>Build a context</legend>
          <div className="row">
            <div className="field field-inline">
              <label htmlFor={`${id}-kind`}>Kind</label>
              <input id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value)} />
            </div>
            <div className="field field-inline">
              <label htmlFor={`${id}-key`}>Key</label>
              <input id={`${id}-key`} value={key} onChange={(e) => setKey(e.target.value)} />
            </div>
          </div>
          {attributes.map((a, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place by position
            <div className="row" key={i}>
              <input
                aria-label={`Attribute ${i + 1} name`}
                placeholder="name"
                value={a.name}
                onChange={(e) =>
                  setAttributes(attributes.map((b, j) => (j === i ? { ...b, name: e.target.value } : b)))
                }
              />
              <input
                aria-label={`Attribute ${i + 1} value`}
                placeholder="value (JSON or text)"
                value={a.value}
                onChange={(e) =>
                  setAttributes(attributes.map((b, j) => (j === i ? { ...b, value: e.target.value } : b)))
                }
              />
              <button
                type="button"
                className="button button-small"
                aria-label={`Remove attribute ${i + 1}`}
                onClick={() => setAttributes(attributes.filter((_, j) => j !== i))}
              >
                Remove
              </button>
            </div>
          ))}
          <div className="row">
            <button
              type="button"
              className="button button-small"
              onClick={() => setAttributes([...attributes, { name: '', value: '' }])}
            >
              Add an attribute
            </button>
            <button
              type="button"
              className="button button-small"
              onClick={() => setJson(JSON.stringify(built(), null, 2))}
            >
              Copy into the JSON box
            </button>
          </div>
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-json`}>Or paste a context (JSON; used instead when not empty)</label>
          <textarea
            id={`${id}-json`}
            rows={5}
            className="code"
            value={json}
            aria-invalid={jsonError ? true : undefined}
            aria-describedby={jsonError ? `${id}-json-error` : undefined}
            placeholder='{ "kind": "user", "key": "alice", "country": "NZ" }'
            onChange={(e) => setJson(e.target.value)}
          />
          {jsonError && (
            <p id={`${id}-json-error`} className="error-text">
              {jsonError}
            </p>
          )}
        </div>
        <button type="submit" className="button button-primary" disabled={evaluate.isPending}>
          Evaluate
        </button>
      </form>
      {evaluate.error && <ErrorNotice error={evaluate.error} />}
      {values && (
        <section aria-label="Results" aria-live="polite">
          <h2>This flag</h2>
          {mine ? (
            <dl className="result">
              <dt>Value</dt>
              <dd>
                <code data-testid="test-value">{formatValue(mine.value)}</code>
              </dd>
              <dt>Variation</dt>
              <dd>
                {mine.variationIndex === null
                  ? 'none (SDK default)'
                  : `${mine.variationIndex + 1}: ${variationLabel(flag, mine.variationIndex)}`}
              </dd>
              <dt>Reason</dt>
              <dd>{reasonText(mine.reason, flag, env)}</dd>
            </dl>
          ) : (
            <p>This flag is not in the results.</p>
          )}
          <h2>Every flag</h2>
          <TableScroll label="Every flag">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Flag</th>
                  <th scope="col">Value</th>
                  <th scope="col">Variation</th>
                  <th scope="col">Reason</th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(values)
                  .sort(([a], [b]) => a.localeCompare(b))
                  .map(([key, result]) => (
                    <tr key={key}>
                      <th scope="row">
                        <code>{key}</code>
                      </th>
                      <td>
                        <code>{formatValue(result.value)}</code>
                      </td>
                      <td>{result.variationIndex === null ? '—' : result.variationIndex + 1}</td>
                      <td>{reasonText(result.reason)}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </TableScroll>
        </section>
      )}
    </div>
  );
}
