/**
 * An SDK client for the platform that `npm start` runs: the SDK key of `demo/production` and the URLs
 * come from `.switchboard/local.json` (in `SWITCHBOARD_DATA_DIR` when set), which `npm start` writes;
 * `SWITCHBOARD_SDK_KEY`, `SWITCHBOARD_API_URL` and `SWITCHBOARD_WS_URL` override them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { init, type SwitchboardClient } from '@switchboard/node';

interface LocalJson {
  apiUrl: string;
  wsUrl: string;
  projects: { key: string; environments: { key: string; sdkKey: string }[] }[];
}

export function localClient(): SwitchboardClient {
  const dataDir = process.env.SWITCHBOARD_DATA_DIR ?? '.switchboard';
  const local = JSON.parse(readFileSync(join(dataDir, 'local.json'), 'utf8')) as LocalJson;
  const production = local.projects
    .find((project) => project.key === 'demo')
    ?.environments.find((environment) => environment.key === 'production');
  return init({
    sdkKey: process.env.SWITCHBOARD_SDK_KEY ?? production?.sdkKey ?? '',
    baseUrl: process.env.SWITCHBOARD_API_URL ?? local.apiUrl,
    streamUrl: process.env.SWITCHBOARD_WS_URL ?? local.wsUrl,
  });
}
