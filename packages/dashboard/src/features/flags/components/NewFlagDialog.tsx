import type { ValueType } from '@switchboard/core';
import { useNavigate } from '@tanstack/react-router';
import { useId, useState } from 'react';
import { CreateDialog } from '../../../components/CreateDialog.js';
import { NameAndKeyFields } from '../../../components/NameAndKeyFields.js';
import { TextField } from '../../../components/TextField.js';
import { useCreateFlag } from '../api/create-flag.js';
import { emptyNewFlag, type NewFlagForm } from '../model/new-flag.js';

const TYPES: readonly (readonly [ValueType, string, string])[] = [
  ['boolean', 'Boolean', ''],
  ['string', 'String', 'One value per line, as typed, such as free and pro.'],
  ['number', 'Number', 'One number per line, such as 10 and 25.5.'],
  ['json', 'JSON', 'One JSON value per line, such as {"limit": 10}.'],
];

/**
 * The flag list's "New flag" button and form: name (the key follows it until typed over), value type
 * and variations, client-side availability. A created flag is off in every environment; the page
 * then opens it in the current environment.
 */
export function NewFlagDialog({ project, env }: { project: string; env: string }) {
  const create = useCreateFlag(project);
  const navigate = useNavigate();
  const [form, setForm] = useState<NewFlagForm>(emptyNewFlag);
  const id = useId();
  const hint = TYPES.find(([type]) => type === form.type)?.[2] ?? '';
  return (
    <CreateDialog
      trigger="New flag"
      title="New flag"
      submitLabel="Create flag"
      onSubmit={async () => {
        const flag = await create.mutateAsync(form);
        setForm(emptyNewFlag);
        await navigate({
          to: '/projects/$project/environments/$env/flags/$flag',
          params: { project, env, flag: flag.key },
        });
      }}
    >
      <NameAndKeyFields form={form} onChange={setForm} />
      <TextField
        label="Description"
        value={form.description}
        onChange={(description) => setForm({ ...form, description })}
      />
      <fieldset className="plain-fieldset">
        <legend>Value type</legend>
        {TYPES.map(([type, label]) => (
          <label key={type}>
            <input
              type="radio"
              name={`${id}-type`}
              checked={form.type === type}
              onChange={() => setForm({ ...form, type })}
            />{' '}
            {label}
          </label>
        ))}
      </fieldset>
      {form.type === 'boolean' ? (
        <p className="hint">Serves true or false.</p>
      ) : (
        <>
          <label htmlFor={`${id}-variations`}>Variations</label>
          <textarea
            id={`${id}-variations`}
            rows={4}
            required
            value={form.variations}
            aria-describedby={`${id}-variations-hint`}
            onChange={(e) => setForm({ ...form, variations: e.target.value })}
          />
          <p id={`${id}-variations-hint`} className="hint">
            {hint} The first is served when the flag is on, the last when it is off.
          </p>
        </>
      )}
      <label>
        <input
          type="checkbox"
          checked={form.clientSide}
          onChange={(e) => setForm({ ...form, clientSide: e.target.checked })}
        />{' '}
        Available to client-side SDKs (browsers, by client-side ID)
      </label>
    </CreateDialog>
  );
}
