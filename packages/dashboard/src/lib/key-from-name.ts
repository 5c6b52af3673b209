/**
 * A key made from a name, as LaunchDarkly suggests one: lower case, runs of anything but letters,
 * digits, ".", "_" and "-" as one "-", no leading or trailing "-", at most 128 characters.
 *
 * @example
 * keyFromName('New checkout (EU)'); // 'new-checkout-eu'
 */
export function keyFromName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-._]+|-+$/g, '')
    .slice(0, 128)
    .replace(/-+$/, '');
}

/** A form with a name and the key made from it. */
export interface NamedForm {
  readonly name: string;
  readonly key: string;
  /** False while the key follows the name; true once typed over. */
  readonly keyEdited: boolean;
}

/** The form after the name changed: the key follows it until typed over. */
export const withName = <T extends NamedForm>(form: T, name: string): T => ({
  ...form,
  name,
  key: form.keyEdited ? form.key : keyFromName(name),
});
