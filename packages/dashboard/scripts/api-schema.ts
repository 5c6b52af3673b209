import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { apiRoutes } from '../../../lambdas/http/api-routes.js';
import { ingestRoutes } from '../../../lambdas/http/ingest-routes.js';
import { openApiDocument } from '../../../lambdas/http/openapi.js';
import type { RouteTable } from '../../../lambdas/http/route-table.js';
import { sdkRoutes } from '../../../lambdas/http/sdk-routes.js';

/** Where the generated types live; committed so the app builds without the API's sources. */
export const apiSchemaPath = fileURLToPath(new URL('../src/lib/api-schema.d.ts', import.meta.url));

const HEADER = `/**
 * Generated from the OpenAPI document the API serves (lambdas/http/openapi.ts).
 * Do not edit: run \`npm run generate:api -w @switchboard/dashboard\`.
 */
`;

/**
 * Renders the TypeScript types of the served OpenAPI document, byte for byte what
 * `src/lib/api-schema.d.ts` must hold.
 *
 * @example
 * await writeFile(apiSchemaPath, await renderApiSchema());
 */
export async function renderApiSchema(): Promise<string> {
  const document = openApiDocument({
    api: apiRoutes as RouteTable<unknown>,
    sdk: sdkRoutes as RouteTable<unknown>,
    ingest: ingestRoutes as RouteTable<unknown>,
  });
  // biome-ignore lint/suspicious/noExplicitAny: openapi-typescript's OpenAPI3 type is stricter than the generated JSON's type
  const ast = await openapiTS(document as any);
  return HEADER + astToString(ast);
}
