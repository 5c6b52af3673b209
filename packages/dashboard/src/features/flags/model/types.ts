import type { paths } from '../../../lib/api-client.js';

/** A flag as `GET …/flags/{flag}` shows it: project fields plus each environment's configuration. */
export type Flag =
  paths['/api/v1/projects/{project}/flags/{flag}']['get']['responses'][200]['content']['application/json'];
export type FlagEnvironment = Flag['environments'][string];
export type Rule = FlagEnvironment['rules'][number];
export type Clause = Rule['clauses'][number];
export type Rollout = NonNullable<Rule['rollout']>;
export type Serve = FlagEnvironment['fallthrough'];
export type Variation = Flag['variations'][number];
export type Json = Variation['value'];
export type FlagKind = Flag['kind'];
export type Segment =
  paths['/api/v1/projects/{project}/environments/{env}/segments']['get']['responses'][200]['content']['application/json']['items'][number];
export type AuditEntry =
  paths['/api/v1/projects/{project}/audit']['get']['responses'][200]['content']['application/json']['items'][number];
export type EvaluationResult =
  paths['/api/v1/projects/{project}/environments/{env}/evaluate']['post']['responses'][200]['content']['application/json']['values'][string];
export type FlagListItem =
  paths['/api/v1/projects/{project}/flags']['get']['responses'][200]['content']['application/json']['items'][number];
