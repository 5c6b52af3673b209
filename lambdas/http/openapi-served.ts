import { brotliDecompressSync } from 'node:zlib';
import { OPENAPI_BROTLI_BASE64 } from './openapi.generated.js';

let document: unknown;

/**
 * The OpenAPI document that `GET /api/v1/openapi.json` serves: `openapi.json`, generated at build
 * time (`npm run generate:openapi`). The api function carries it brotli-compressed (about 7 KB
 * instead of about 100 KB of JSON) and decodes it on the first request.
 *
 * @example
 * const { paths } = servedOpenApiDocument() as { paths: Record<string, unknown> };
 */
export function servedOpenApiDocument(): unknown {
  document ??= JSON.parse(
    brotliDecompressSync(Buffer.from(OPENAPI_BROTLI_BASE64, 'base64')).toString('utf8'),
  );
  return document;
}
