import { writeFile } from 'node:fs/promises';
import { apiSchemaPath, renderApiSchema } from './api-schema.js';

await writeFile(apiSchemaPath, await renderApiSchema());
console.log(`Wrote ${apiSchemaPath}`);
