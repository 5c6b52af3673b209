import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { apiSchemaPath, renderApiSchema } from './api-schema.js';

describe('api-schema.d.ts', () => {
  it('matches the OpenAPI document the API serves (run `npm run generate:openapi && npm run generate:api -w @switchboard/dashboard`)', async () => {
    expect(await readFile(apiSchemaPath, 'utf8')).toBe(await renderApiSchema());
  });
});
