/**
 * The API validates with the core's parser and names fields in the core's one format, so a 400 body
 * reads the same whether a request schema or the flag model's rules refused the input.
 */
export { fieldPath, joinField, parseWith } from '@switchboard/core/schema';
