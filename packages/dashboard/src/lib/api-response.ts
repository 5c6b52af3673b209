import type { paths } from './api-schema.js';

type Json<R> = R extends { content: { 'application/json': infer T } } ? T : never;

/**
 * The JSON body of a route's success answer (200 or 201), from the OpenAPI types: the generated
 * document inlines its shapes, so there is no named schema to import.
 *
 * @example
 * type Segment = ApiResponse<'/api/v1/projects/{project}/environments/{env}/segments/{segment}', 'get'>;
 */
export type ApiResponse<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  responses: infer R;
}
  ? R extends { 200: infer Ok }
    ? Json<Ok>
    : R extends { 201: infer Created }
      ? Json<Created>
      : never
  : never;
