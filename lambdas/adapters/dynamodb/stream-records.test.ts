import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { changeFromRecord, removedCredentialFrom } from './stream-records.js';

const record = (
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE',
  keys: { pk: string; sk: string },
  images: { NewImage?: object; OldImage?: object },
): DynamoDBRecord =>
  ({
    eventName,
    eventID: 'e1',
    dynamodb: {
      Keys: marshall(keys),
      SequenceNumber: '000123',
      ...(images.NewImage ? { NewImage: marshall({ ...keys, ...images.NewImage }) } : {}),
      ...(images.OldImage ? { OldImage: marshall({ ...keys, ...images.OldImage }) } : {}),
    },
  }) as unknown as DynamoDBRecord;

describe('changeFromRecord', () => {
  it('reads numbers as JSON does: past 2^53, with or without a fraction, as the nearest double', () => {
    // DynamoDB keeps 38 digits; a variation value written as 1e20 comes back as that string.
    const image = {
      key: 'big',
      version: 2,
      variations: [{ N: '100000000000000000000' }, { N: '123456789012345678901.5' }],
    };
    const change = changeFromRecord({
      eventName: 'MODIFY',
      eventID: 'e1',
      dynamodb: {
        Keys: marshall({ pk: 'ENV#shop#production', sk: 'FLAG#big' }),
        SequenceNumber: '000124',
        NewImage: {
          ...marshall({ pk: 'ENV#shop#production', sk: 'FLAG#big', key: 'big', version: 2 }),
          variations: { L: image.variations },
        },
        OldImage: { version: { N: '1' }, variations: { L: [{ N: '90071992547409931.25' }] } },
      },
    } as unknown as DynamoDBRecord);
    expect(change?.data?.variations).toEqual([1e20, Number('123456789012345678901.5')]);
    expect(change?.previous?.variations).toEqual([Number('90071992547409931.25')]);
    // What the fan-out then does with it: a frame (a bigint would make JSON.stringify throw).
    expect(JSON.stringify(change?.data)).toContain('100000000000000000000');
  });

  it('reads a flag change as the item SDKs receive, without keys', () => {
    const flag = { key: 'beta', version: 4, on: true, variations: [true, false] };
    expect(
      changeFromRecord(
        record(
          'MODIFY',
          { pk: 'ENV#shop#production', sk: 'FLAG#beta' },
          { NewImage: flag, OldImage: { version: 3 } },
        ),
      ),
    ).toEqual({
      project: 'shop',
      env: 'production',
      kind: 'flag',
      key: 'beta',
      version: 4,
      data: flag,
      previous: { version: 3 },
      sequence: '000123',
    });
  });

  it('keeps the old image as the item before the change, and the record time in ms', () => {
    const old = { key: 'beta', version: 3, on: false, meta: { name: 'B' } };
    const input = record(
      'MODIFY',
      { pk: 'ENV#shop#production', sk: 'SEGMENT#beta' },
      { NewImage: { ...old, version: 4 }, OldImage: old },
    );
    (input.dynamodb as { ApproximateCreationDateTime?: number }).ApproximateCreationDateTime = 1_700_000_000;
    const change = changeFromRecord(input);
    expect(change?.previous).toEqual({ key: 'beta', version: 3, on: false });
    expect(change?.changedAt).toBe(1_700_000_000_000);
  });

  it('reads the time the control store wrote on the item as its exact commit time, and hides it', () => {
    const change = changeFromRecord(
      record(
        'MODIFY',
        { pk: 'ENV#shop#production', sk: 'FLAG#beta' },
        { NewImage: { key: 'beta', version: 5, on: true, writtenAt: 1_700_000_000_123 } },
      ),
    );
    expect(change?.committedAt).toBe(1_700_000_000_123);
    expect(change?.data).toEqual({ key: 'beta', version: 5, on: true });
  });

  it('gives a removal no exact time: the old image’s is the deleted write’s', () => {
    const change = changeFromRecord(
      record(
        'REMOVE',
        { pk: 'ENV#shop#production', sk: 'FLAG#beta' },
        {
          OldImage: { key: 'beta', version: 5, writtenAt: 1_700_000_000_123 },
        },
      ),
    );
    expect(change).toMatchObject({ key: 'beta', version: expect.any(Number) });
    expect(change).not.toHaveProperty('committedAt');
  });

  it('strips a segment’s dashboard metadata', () => {
    const change = changeFromRecord(
      record(
        'INSERT',
        { pk: 'ENV#shop#staging', sk: 'SEGMENT#vip' },
        {
          NewImage: { key: 'vip', version: 1, included: ['u1'], meta: { name: 'VIPs' } },
        },
      ),
    );
    expect(change).toMatchObject({ kind: 'segment', key: 'vip', env: 'staging' });
    expect(change?.data).toEqual({ key: 'vip', version: 1, included: ['u1'] });
  });

  it('turns a removal into a deletion one version above the deleted item', () => {
    const change = changeFromRecord(
      record(
        'REMOVE',
        { pk: 'ENV#shop#production', sk: 'FLAG#beta' },
        { OldImage: { key: 'beta', version: 7 } },
      ),
    );
    expect(change).toMatchObject({ key: 'beta', version: 8 });
    expect(change?.data).toBeUndefined();
  });

  it.each([
    ['a project-level item', { pk: 'PROJECT#shop', sk: 'FLAG#beta' }],
    ['an environment item', { pk: 'PROJECT#shop', sk: 'ENV#production' }],
    ['an SDK key', { pk: 'SDKKEY#abc', sk: 'SDKKEY' }],
    ['an unknown sort key', { pk: 'ENV#shop#production', sk: 'OTHER#x' }],
  ])('ignores %s', (_name, keys) => {
    expect(changeFromRecord(record('MODIFY', keys, { NewImage: { version: 1 } }))).toBeUndefined();
  });

  it('ignores an item without a numeric version', () => {
    expect(
      changeFromRecord(record('MODIFY', { pk: 'ENV#a#b', sk: 'FLAG#c' }, { NewImage: { version: 'x' } })),
    ).toBeUndefined();
  });
});

describe('removedCredentialFrom', () => {
  const environment = { project: 'shop', env: 'production' };

  it.each([
    ['an SDK key', { pk: `SDKKEY#${'a'.repeat(64)}`, sk: 'SDKKEY' }],
    ['a client-side id', { pk: `CLIENTSIDE#${'b'.repeat(24)}`, sk: 'CLIENTSIDE' }],
  ])('reads the removal of %s as its environment', (_name, keys) => {
    expect(removedCredentialFrom(record('REMOVE', keys, { OldImage: environment }))).toEqual({
      ...environment,
      sequence: '000123',
    });
  });

  it.each([
    ['a key given an expiry', record('MODIFY', { pk: 'SDKKEY#a', sk: 'SDKKEY' }, { NewImage: environment })],
    ['a removed token', record('REMOVE', { pk: 'TOKEN#a', sk: 'TOKEN' }, { OldImage: { role: 'admin' } })],
    ['a removal without its old image', record('REMOVE', { pk: 'SDKKEY#a', sk: 'SDKKEY' }, {})],
  ])('ignores %s', (_name, removal) => {
    expect(removedCredentialFrom(removal)).toBeUndefined();
  });
});
