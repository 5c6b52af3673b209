import { writeFile } from 'node:fs/promises';
import {
  openApiJsonPath,
  openApiModulePath,
  renderOpenApiJson,
  renderOpenApiModule,
} from '../lambdas/http/openapi.js';

const json = renderOpenApiJson();
await writeFile(openApiJsonPath, json);
await writeFile(openApiModulePath, renderOpenApiModule(json));
console.log(`Wrote ${openApiJsonPath} and ${openApiModulePath}`);
