import { type InputHTMLAttributes, useId } from 'react';

/** The API's rule for keys (1-128 letters, digits, ".", "_", "-"), so the browser flags a bad key before the request. */
export const resourceKeyPattern = '[A-Za-z0-9][A-Za-z0-9._\\-]{0,127}';

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'onChange' | 'value'> & {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
};

/**
 * A labelled input (the label is tied to it by id, so it is the input's accessible name).
 *
 * @example
 * <TextField label="Name" required value={name} onChange={setName} />
 */
export function TextField({ label, value, onChange, ...input }: TextFieldProps) {
  const id = useId();
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input id={id} value={value} onChange={(e) => onChange(e.target.value)} {...input} />
    </>
  );
}
