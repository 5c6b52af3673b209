import type { DynamoDBDocumentClient, QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { CursorRule } from '../../domain/cursor.js';
import type { AuditEntry, GlobalAuditEntry } from '../../domain/response-schemas.js';
import type { AuditQuery, AuditStore, Page, PageRequest } from '../../services/ports.js';
import { tableName } from '../config.js';
import { auditEnvPk, auditFlagPk, GLOBAL_AUDIT_PK, projectPk } from './keys.js';
import { queryPage, withoutKeys } from './query.js';

const INDEX_ATTRIBUTES = ['flagPk', 'envPk'];
/** Sort keys are `{time}#{id}`: a cursor's may be any. */
const ANY = { prefix: '' };

/** Narrows a planned Query to sort keys (`{ISO time}#{id}`) at or after `time`. */
function since(
  plan: { input: Partial<QueryCommandInput>; cursor: Record<string, CursorRule> },
  time: string | undefined,
) {
  if (time === undefined) return plan;
  const { input } = plan;
  return {
    ...plan,
    input: {
      ...input,
      KeyConditionExpression: `${input.KeyConditionExpression} AND sk >= :since`,
      ExpressionAttributeValues: { ...input.ExpressionAttributeValues, ':since': time },
    },
  };
}

/** Reads the audit log newest first: one Query per filter, using the `byFlag` and `byEnv` indexes. */
export class DynamoAuditStore implements AuditStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table = tableName('audit'),
  ) {}

  async list(query: AuditQuery, page: PageRequest): Promise<Page<AuditEntry>> {
    const { input, cursor } = since(this.plan(query), query.since);
    const out = await queryPage(
      this.client,
      { TableName: this.table, ScanIndexForward: false, ...input },
      page,
      cursor,
    );
    return { items: out.items.map((i) => withoutKeys<AuditEntry>(i, INDEX_ATTRIBUTES)), cursor: out.cursor };
  }

  async listGlobal(page: PageRequest): Promise<Page<GlobalAuditEntry>> {
    const out = await queryPage(
      this.client,
      {
        TableName: this.table,
        ScanIndexForward: false,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': GLOBAL_AUDIT_PK },
      },
      page,
      { pk: GLOBAL_AUDIT_PK, sk: ANY },
    );
    return { items: out.items.map((i) => withoutKeys<GlobalAuditEntry>(i)), cursor: out.cursor };
  }

  private plan(query: AuditQuery): {
    input: Partial<QueryCommandInput>;
    cursor: Record<string, CursorRule>;
  } {
    const base = projectPk(query.project);
    if (query.flag !== undefined) {
      const flagPk = auditFlagPk(query.project, query.flag);
      // A flag in one environment: its changes there, and those to the whole flag (no `envPk`),
      // such as archiving it, which hold in every environment.
      const envFilter =
        query.env === undefined
          ? {}
          : {
              FilterExpression: 'envPk = :envPk OR attribute_not_exists(envPk)',
              ExpressionAttributeValues: { ':envPk': auditEnvPk(query.project, query.env) },
            };
      return {
        input: {
          IndexName: 'byFlag',
          KeyConditionExpression: 'flagPk = :flagPk',
          ...envFilter,
          ExpressionAttributeValues: { ':flagPk': flagPk, ...envFilter.ExpressionAttributeValues },
        },
        cursor: { pk: base, sk: ANY, flagPk },
      };
    }
    if (query.env !== undefined) {
      const envPk = auditEnvPk(query.project, query.env);
      return {
        input: {
          IndexName: 'byEnv',
          KeyConditionExpression: 'envPk = :envPk',
          ExpressionAttributeValues: { ':envPk': envPk },
        },
        cursor: { pk: base, sk: ANY, envPk },
      };
    }
    return {
      input: { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': base } },
      cursor: { pk: base, sk: ANY },
    };
  }
}
