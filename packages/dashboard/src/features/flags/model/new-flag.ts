import { repeatedValues, type ValueType } from '@switchboard/core';
import type { paths } from '../../../lib/api-client.js';
import { decimalNumber } from '../../../lib/decimal.js';
import type { NamedForm } from '../../../lib/key-from-name.js';

type CreateFlagBody = NonNullable<
  paths['/api/v1/projects/{project}/flags']['post']['requestBody']
>['content']['application/json'];

/** The "New flag" form as typed. */
export interface NewFlagForm extends NamedForm {
  readonly description: string;
  /** The value type the flag serves. */
  readonly type: ValueType;
  /** One value per line (not read for a boolean flag). */
  readonly variations: string;
  /** Served to client-side (browser) SDKs by client-side ID. */
  readonly clientSide: boolean;
}

export const emptyNewFlag: NewFlagForm = {
  name: '',
  key: '',
  keyEdited: false,
  description: '',
  type: 'boolean',
  variations: '',
  clientSide: false,
};

/** A line of the variations field that is not a value of the chosen type. */
export class VariationLineError extends Error {
  override readonly name = 'VariationLineError';
}

function parseLine(type: Exclude<ValueType, 'boolean'>, line: string, n: number): unknown {
  if (type === 'string') return line;
  if (type === 'number') {
    const value = decimalNumber(line);
    if (value === undefined) throw new VariationLineError(`Variation ${n} (${line}) is not a number.`);
    return value;
  }
  try {
    return JSON.parse(line);
  } catch {
    throw new VariationLineError(`Variation ${n} (${line}) is not JSON.`);
  }
}

/**
 * The `POST …/flags` body for the form; throws {@link VariationLineError} when a variation line does
 * not read as the chosen type, repeats an earlier value or fewer than two are given. A boolean flag serves `true` and `false`
 * (the API's default). Blank lines are skipped; key and name rules are the API's to enforce.
 *
 * @example
 * newFlagBody({ ...emptyNewFlag, name: 'Plan', key: 'plan', type: 'string', variations: 'free\npro' });
 * // → { key: 'plan', name: 'Plan', description: '', clientSideAvailability: {…}, variations: [{ value: 'free' }, { value: 'pro' }] }
 */
export function newFlagBody(form: NewFlagForm): CreateFlagBody {
  const body: CreateFlagBody = {
    key: form.key.trim(),
    name: form.name.trim(),
    description: form.description.trim(),
    clientSideAvailability: { usingEnvironmentId: form.clientSide, usingMobileKey: false },
  };
  if (form.type === 'boolean') return body;
  const type = form.type;
  const lines = form.variations.split('\n').filter((line) => line.trim() !== '');
  const values = lines.map((line, i) => parseLine(type, type === 'string' ? line : line.trim(), i + 1));
  if (values.length < 2) throw new VariationLineError('Give at least two variations, one per line.');
  const [repeat] = repeatedValues(values);
  if (repeat)
    throw new VariationLineError(
      `Variation ${repeat.index + 1} (${lines[repeat.index]?.trim()}) repeats variation ${repeat.first + 1}; each serves a value of its own.`,
    );
  return { ...body, variations: values.map((value) => ({ value })) as CreateFlagBody['variations'] };
}
