import { type NamedForm, withName } from '../lib/key-from-name.js';
import { resourceKeyPattern, TextField } from './TextField.js';

/**
 * A create form's Name and Key fields: the key follows the name as it is typed (see
 * `keyFromName`) until the key is typed over.
 *
 * @example
 * <NameAndKeyFields form={form} onChange={setForm} />
 */
export function NameAndKeyFields<T extends NamedForm>({
  form,
  onChange,
}: {
  readonly form: T;
  readonly onChange: (form: T) => void;
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
        pattern={resourceKeyPattern}
        value={form.key}
        onChange={(key) => onChange({ ...form, key, keyEdited: true })}
      />
    </>
  );
}
