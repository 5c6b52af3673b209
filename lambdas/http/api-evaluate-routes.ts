import type { EvaluationService } from '../services/evaluation-service.js';
import { parseRequestContext } from '../services/request-context.js';
import { at, environment } from './api-common.js';
import { contextBody } from './context-body-parser.js';
import { type RouteTable, routesOf } from './route-table.js';

export interface EvaluateServices {
  readonly evaluation: EvaluationService;
}

const on = routesOf<EvaluateServices>();

/**
 * Implementations of the `api-evaluate` function's route: the dashboard's "test a user", every flag
 * of an environment evaluated for a context. Apart from the other management routes, so that their
 * functions carry no evaluator and this one no schema library.
 */
export const evaluateRoutes: RouteTable<EvaluateServices> = {
  ...on(`POST ${environment}/evaluate`, {
    body: contextBody,
    handle: ({ services, params, body }) =>
      services.evaluation.evaluateAll(at(params), parseRequestContext(body), {}),
  }),
};
