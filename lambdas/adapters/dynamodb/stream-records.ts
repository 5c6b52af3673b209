import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { type ItemChange, type ItemKind, tombstoneVersion } from '../../domain/delivery.js';
import { asDouble } from './client.js';
import { WRITTEN_AT } from './keys.js';

const ENV_PK = /^ENV#([^#]+)#([^#]+)$/;
const SK = /^(FLAG|SEGMENT)#(.+)$/;

/** Attributes of a stored item that SDKs never see (keys, the write's time, a segment's dashboard metadata). */
const HIDDEN = new Set(['pk', 'sk', WRITTEN_AT, 'meta']);

type Image = Record<string, AttributeValue>;

/** An image as `JSON.parse` would read its numbers (see `asDouble`). */
const read = (image: unknown): Record<string, unknown> =>
  unmarshall(image as Image, { wrapNumbers: asDouble });

/**
 * Reads one flags-table stream record as a delivery change. Returns undefined for records that are
 * not a per-environment flag or segment item (the event source's filter already keeps those out),
 * or that carry no usable version.
 */
export function changeFromRecord(record: DynamoDBRecord): ItemChange | undefined {
  const stream = record.dynamodb;
  const keys = stream?.Keys as Image | undefined;
  const pk = keys?.pk?.S;
  const sk = keys?.sk?.S;
  const sequence = stream?.SequenceNumber;
  const env = pk === undefined ? null : ENV_PK.exec(pk);
  const item = sk === undefined ? null : SK.exec(sk);
  if (!env || !item || sequence === undefined) return undefined;
  const kind: ItemKind = item[1] === 'FLAG' ? 'flag' : 'segment';
  const old = stream?.OldImage ? read(stream.OldImage) : undefined;
  const created = stream?.ApproximateCreationDateTime;
  const locator = {
    project: env[1] as string,
    env: env[2] as string,
    kind,
    key: item[2] as string,
    sequence,
    ...(old === undefined ? {} : { previous: visible(old) }),
    // Seconds in DynamoDB Streams records.
    ...(typeof created === 'number' ? { changedAt: created * 1000 } : {}),
  };

  if (record.eventName === 'REMOVE') {
    const version = typeof old?.version === 'number' ? old.version : undefined;
    return version === undefined ? undefined : { ...locator, version: tombstoneVersion(version) };
  }
  if (!stream?.NewImage) return undefined;
  const image = read(stream.NewImage);
  if (typeof image.version !== 'number') return undefined;
  const written = image[WRITTEN_AT];
  return {
    ...locator,
    version: image.version,
    data: visible(image),
    ...(typeof written === 'number' ? { committedAt: written } : {}),
  };
}

const visible = (image: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(image).filter(([name]) => !HIDDEN.has(name)));

const CREDENTIAL_PK = /^(SDKKEY|CLIENTSIDE)#/;

/**
 * Reads one flags-table stream record as a removed SDK credential (an SDK key or client-side id
 * item deleted by a rotation, an expiry sweep or a deletion): its environment and the record's
 * sequence number. Undefined for any other record.
 */
export function removedCredentialFrom(
  record: DynamoDBRecord,
): { readonly project: string; readonly env: string; readonly sequence: string } | undefined {
  const stream = record.dynamodb;
  const pk = (stream?.Keys as Image | undefined)?.pk?.S;
  const sequence = stream?.SequenceNumber;
  if (record.eventName !== 'REMOVE' || !pk || !CREDENTIAL_PK.test(pk) || sequence === undefined)
    return undefined;
  const old = stream?.OldImage ? read(stream.OldImage) : {};
  if (typeof old.project !== 'string' || typeof old.env !== 'string') return undefined;
  return { project: old.project, env: old.env, sequence };
}
