import { readFileSync, writeFileSync } from 'node:fs';

/** `.switchboard/local.json`: what a developer (or a script) needs to talk to the local platform. */
export interface LocalJson {
  apiUrl: string;
  wsUrl: string;
  adminToken: string;
  /** Opens the dashboard signed in as the admin (the token is in the URL fragment). */
  dashboardUrl: string;
  projects: {
    key: string;
    environments: { key: string; sdkKey: string; clientSideId: string }[];
  }[];
}

export function readLocalJson(path: string): LocalJson | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LocalJson;
  } catch {
    return undefined;
  }
}

export function writeLocalJson(path: string, value: LocalJson): void {
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
}
