import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { allPages } from '../../../lib/all-pages.js';
import { type ApiClient, unwrap } from '../../../lib/api-client.js';
import { useApi } from '../../../lib/api-context.js';
import type { ApiResponse } from '../../../lib/api-response.js';
import { projectKeys } from '../../../lib/query-keys.js';
import { changedFields, type SegmentFields } from '../segment-form-model.js';

export type Segment = ApiResponse<'/api/v1/projects/{project}/environments/{env}/segments/{segment}', 'get'>;

type At = { readonly project: string; readonly env: string };

/**
 * One segment as the API has it now.
 *
 * @example
 * const segment = await getSegment(api, { project: 'web', env: 'production' }, 'beta-testers');
 */
export async function getSegment(api: ApiClient, at: At, segment: string): Promise<Segment> {
  return unwrap(
    await api.GET('/api/v1/projects/{project}/environments/{env}/segments/{segment}', {
      params: { path: { ...at, segment } },
    }),
  );
}

/**
 * An environment's segments (every page), with create, update (JSON Patch of the changed fields with
 * `If-Match` on the version the editor started from) and delete.
 *
 * @example
 * const { list, create, update, remove } = useSegments({ project: 'web', env: 'production' });
 */
export function useSegments(at: At) {
  const api = useApi();
  const queryClient = useQueryClient();
  const onSuccess = () =>
    queryClient.invalidateQueries({ queryKey: projectKeys.segments(at.project, at.env) });
  const path = { project: at.project, env: at.env };
  const list = useQuery({
    queryKey: projectKeys.segmentList(at.project, at.env),
    queryFn: () =>
      allPages(async (cursor) =>
        unwrap(
          await api.GET('/api/v1/projects/{project}/environments/{env}/segments', {
            params: { path, query: { limit: 200, cursor } },
          }),
        ),
      ),
  });
  const create = useMutation({
    mutationFn: async (body: SegmentFields & { key: string }) =>
      unwrap(
        await api.POST('/api/v1/projects/{project}/environments/{env}/segments', { params: { path }, body }),
      ),
    onSuccess,
  });
  const update = useMutation({
    mutationFn: async ({ segment, fields }: { segment: Segment; fields: SegmentFields }) => {
      const patch = Object.entries(changedFields(segment, fields)).map(([field, value]) => ({
        op: 'replace' as const,
        path: `/${field}`,
        value,
      }));
      if (patch.length === 0) return segment;
      return unwrap(
        await api.PATCH('/api/v1/projects/{project}/environments/{env}/segments/{segment}', {
          params: { path: { ...path, segment: segment.key } },
          headers: { 'If-Match': `"${segment.version}"` },
          body: patch as never,
        }),
      );
    },
    onSuccess,
  });
  const remove = useMutation({
    mutationFn: async (segment: string) =>
      unwrap(
        await api.DELETE('/api/v1/projects/{project}/environments/{env}/segments/{segment}', {
          params: { path: { ...path, segment } },
        }),
      ),
    onSuccess,
  });
  return { list, create, update, remove };
}
