import { type FormEvent, useId, useState } from 'react';
import { ErrorNotice } from '../../../components/ErrorNotice.js';
import { Switch } from '../../../components/Switch.js';
import { ApiError } from '../../../lib/api-client.js';
import { decimalNumber } from '../../../lib/decimal.js';
import type { useEnvironments } from '../api/list-environments.js';
import { useUpdateReceipts } from '../api/update-receipts.js';

type Environment = NonNullable<ReturnType<typeof useEnvironments>['data']>[number];

/** The API samples every SDK when no rate was ever set; the form starts from the same. */
const DEFAULT_PERCENT = '100';

/** 0.1 → "10" (rounded to hide float noise such as 7.000000000000001). */
export const percentOf = (sampleRate: number) => String(Number((sampleRate * 100).toPrecision(12)));

/** "10" → 0.1, or why the text is not a sampling percentage. */
export function sampleRateOf(percent: string): number | { error: string } {
  const value = decimalNumber(percent);
  if (value === undefined || value <= 0 || value > 100)
    return { error: 'Enter a percentage above 0 and at most 100.' };
  return value / 100;
}

/** "On, 10% of SDKs acknowledge" / "Off". */
export function receiptsSummary(receipts: Environment['receipts']): string {
  return receipts?.enabled ? `On, ${percentOf(receipts.sampleRate)}% of SDKs acknowledge` : 'Off';
}

/**
 * An environment's delivery receipts: whether SDKs acknowledge the flag changes they apply, and
 * which share of them. Writers get a switch and, while it is on, a percentage, saved with the
 * `updateReceipts` instruction (turned off, the stored rate is kept for the next time); a refused
 * rate is shown under the field, whether the form or the API refused it. Others see the setting.
 *
 * @example
 * <ReceiptsSetting project="web" env={environment} canEdit={useCan('writer', 'web')} />
 */
export function ReceiptsSetting({
  project,
  env,
  canEdit,
}: {
  project: string;
  env: Environment;
  canEdit: boolean;
}) {
  const id = useId();
  const update = useUpdateReceipts(project);
  const [enabled, setEnabled] = useState(env.receipts?.enabled ?? false);
  const [percent, setPercent] = useState(env.receipts ? percentOf(env.receipts.sampleRate) : DEFAULT_PERCENT);
  const [formError, setFormError] = useState<string>();
  if (!canEdit) return <span>{receiptsSummary(env.receipts)}</span>;

  const apiField = update.error instanceof ApiError ? update.error.body?.error.field : undefined;
  const rateError = formError ?? (apiField?.endsWith('sampleRate') ? update.error?.message : undefined);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!enabled) {
      setFormError(undefined);
      update.mutate({ env: env.key, enabled });
      return;
    }
    const sampleRate = sampleRateOf(percent);
    if (typeof sampleRate !== 'number') {
      setFormError(sampleRate.error);
      return;
    }
    setFormError(undefined);
    update.mutate({ env: env.key, enabled, sampleRate });
  };
  return (
    <form className="receipts-setting" onSubmit={submit} noValidate>
      <div className="actions">
        <Switch label={`Delivery receipts in ${env.name}`} checked={enabled} onCheckedChange={setEnabled} />
        <span aria-hidden="true">{enabled ? 'On' : 'Off'}</span>
      </div>
      {enabled && (
        <div className="field">
          <label htmlFor={id}>Sampled SDKs (%) in {env.name}</label>
          <input
            id={id}
            type="number"
            inputMode="decimal"
            min="0"
            max="100"
            step="any"
            value={percent}
            onChange={(e) => setPercent(e.target.value)}
            aria-invalid={rateError ? true : undefined}
            aria-describedby={`${id}-error`}
          />
          <p id={`${id}-error`} className="error-text" aria-live="polite">
            {rateError}
          </p>
        </div>
      )}
      <div className="actions">
        <button type="submit" className="button button-small" disabled={update.isPending}>
          Save<span className="visually-hidden"> delivery receipts of {env.name}</span>
        </button>
        {update.isSuccess && !formError && (
          <span role="status" className="muted">
            Saved
          </span>
        )}
      </div>
      {update.error && !rateError && <ErrorNotice error={update.error} />}
    </form>
  );
}
