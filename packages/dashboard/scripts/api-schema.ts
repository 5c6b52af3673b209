import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

/** Where the generated types live; committed so the app builds without the API's sources. */
export const apiSchemaPath = fileURLToPath(new URL('../src/lib/api-schema.d.ts', import.meta.url));
/** The OpenAPI document the API serves, as `npm run generate:openapi` writes it. */
const documentPath = fileURLToPath(new URL('../../../lambdas/http/openapi.json', import.meta.url));

const HEADER = `/**
 * Generated from the OpenAPI document the API serves (lambdas/http/openapi.json).
 * Do not edit: run \`npm run generate:openapi && npm run generate:api -w @switchboard/dashboard\`.
 */
`;

/**
 * Renders the TypeScript types of the served OpenAPI document (`lambdas/http/openapi.json`), byte
 * for byte what `src/lib/api-schema.d.ts` must hold.
 *
 * @example
 * await writeFile(apiSchemaPath, await renderApiSchema());
 */
export async function renderApiSchema(): Promise<string> {
  // Named request components hold defaults (`"default": false`) that callers may leave out; response
  // components list every field the server fills in as required, so defaults need no special case.
  const ast = await openapiTS(await readFile(documentPath, 'utf8'), { defaultNonNullable: false });
  return HEADER + astToString(ast);
}
