import { demoEnvironments, demoFlags, demoProject, demoSegment } from './demo-data.js';
import type { LocalJson } from './local-json.js';

/** Thrown when the HTTP API refuses a seeding call; names the call and the API's answer. */
export class SeedError extends Error {
  override readonly name = 'SeedError';
}

/**
 * Seeds the demo project through the public HTTP API, exactly as a user's script would: project,
 * environments (keeping each SDK key, which the API returns only once), a segment and flags.
 */
export async function seedDemo(apiUrl: string, adminToken: string): Promise<LocalJson['projects']> {
  const call = async (method: string, path: string, body?: unknown): Promise<Record<string, unknown>> => {
    const response = await fetch(`${apiUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new SeedError(`${method} ${path} → ${response.status} ${text}`);
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  };
  const project = `/api/v1/projects/${demoProject.key}`;
  await call('POST', '/api/v1/projects', demoProject);
  const environments: LocalJson['projects'][number]['environments'] = [];
  for (const environment of demoEnvironments) {
    const created = await call('POST', `${project}/environments`, environment);
    environments.push({
      key: environment.key,
      sdkKey: String(created.sdkKey),
      clientSideId: String(created.clientSideId),
    });
    await call('POST', `${project}/environments/${environment.key}/segments`, demoSegment);
  }
  for (const flag of demoFlags) {
    await call('POST', `${project}/flags`, flag.body);
    for (const environment of demoEnvironments) {
      await call('PATCH', `${project}/flags/${flag.body.key}?env=${environment.key}`, {
        comment: 'Seeded by npm start',
        instructions: flag.instructions,
      });
    }
  }
  return [{ key: demoProject.key, environments }];
}
