import { type NamedForm, withName } from '../lib/key-from-name.js';
import { resourceKeyPattern, TextField } from './TextField.js';

/**
 * A form's Name and Key fields: the key follows the name as it is typed (see `keyFromName`) until
 * the key is typed over. An edit form passes `keyReadOnly`, since a saved key never changes.
 *
 * @example
 * <NameAndKeyFields form={form} onChange={setForm} />
 */
export function NameAndKeyFields<T extends NamedForm>({
  form,
  onChange,
  keyReadOnly = false,
}: {
  readonly form: T;
  readonly onChange: (form: T) => void;
  readonly keyReadOnly?: boolean;
}) {
  return (
    <>
      <TextField
        label="Name"
        required
        value={form.name}
        onChange={(name) => onChange(withName(form, name))}
      />
      <TextField
        label="Key"
        required
        readOnly={keyReadOnly}
        pattern={resourceKeyPattern}
        value={form.key}
        onChange={(key) => onChange({ ...form, key, keyEdited: true })}
      />
    </>
  );
}
