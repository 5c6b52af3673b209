import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { dashboardUrlOf } from '../dashboard.js';
import type { Logger } from '../log.js';
import { type LocalJson, readLocalJson, writeLocalJson } from './local-json.js';
import { seedDemo } from './seed-demo.js';

export interface FirstStartOptions {
  readonly dynamodb: DynamoDBClient;
  readonly flagsTable: string;
  readonly rootDir: string;
  readonly localJsonPath: string;
  readonly apiUrl: string;
  readonly wsUrl: string;
  readonly logger: Logger;
}

interface Bootstrap {
  ensureAdminToken(token: string): Promise<void>;
  isTokenRegistered(token: string): Promise<boolean>;
}

/** A new admin token, registered through the code the stack's bootstrap uses. */
async function newAdminToken(bootstrap: Bootstrap): Promise<string> {
  const adminToken = `sbt_${randomBytes(32).toString('base64url')}`;
  await bootstrap.ensureAdminToken(adminToken);
  return adminToken;
}

/**
 * On an empty flags table: registers a fresh admin token (through `ensureAdminToken` of
 * `lambdas/bootstrap.ts`, the code the stack's bootstrap uses), seeds the demo project through the
 * HTTP API and writes `local.json`. Later starts reuse `local.json`, updating its URLs, and its
 * admin token while the table still holds it; one revoked (or from other data) is replaced by a new
 * one, with a warning, so the token printed always works. A seeding failure is logged and the
 * platform runs on without the demo.
 */
export async function seedOnFirstStart(options: FirstStartOptions): Promise<LocalJson> {
  const existing = readLocalJson(options.localJsonPath);
  const scan = await options.dynamodb.send(new ScanCommand({ TableName: options.flagsTable, Limit: 1 }));
  const empty = (scan.Count ?? 0) === 0;
  const bootstrap = (await import(
    pathToFileURL(resolve(options.rootDir, 'lambdas/bootstrap.ts')).href
  )) as Bootstrap;
  if (existing && !empty) {
    let { adminToken } = existing;
    if (!(await bootstrap.isTokenRegistered(adminToken))) {
      adminToken = await newAdminToken(bootstrap);
      options.logger.warn('the admin token in local.json is revoked or unknown: a new one was created');
    }
    const refreshed = {
      ...existing,
      adminToken,
      apiUrl: options.apiUrl,
      wsUrl: options.wsUrl,
      dashboardUrl: dashboardUrlOf(options.apiUrl, adminToken),
    };
    writeLocalJson(options.localJsonPath, refreshed);
    return refreshed;
  }
  const adminToken = await newAdminToken(bootstrap);
  const local: LocalJson = {
    apiUrl: options.apiUrl,
    wsUrl: options.wsUrl,
    adminToken,
    dashboardUrl: dashboardUrlOf(options.apiUrl, adminToken),
    projects: [],
  };
  // Written before seeding so that the token survives a seeding failure.
  writeLocalJson(options.localJsonPath, local);
  if (!empty) {
    // Data without local.json: SDK keys are stored hashed and cannot be shown again.
    options.logger.warn('local.json was missing: a new admin token was created; rotate SDK keys to see them');
    return local;
  }
  try {
    local.projects = await seedDemo(options.apiUrl, adminToken);
    writeLocalJson(options.localJsonPath, local);
  } catch (error) {
    options.logger.warn(`seeding the demo project failed, the platform runs without it: ${String(error)}`);
  }
  return local;
}
