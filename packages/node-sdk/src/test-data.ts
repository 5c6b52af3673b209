import type { DataSource, DataSourceContext, DataSourceFactory } from './data-source.js';
import type { ItemChange } from './flag-store.js';
import type { VersionedItem } from './messages.js';

type Item = Record<string, unknown> & { key: string; version: number };

/** A variation index, or for a boolean flag `true`/`false` (index 0 and 1). */
export type TestVariation = boolean | number;

const indexOf = (variation: TestVariation): number =>
  variation === true ? 0 : variation === false ? 1 : variation;
const clone = <T>(value: T): T => structuredClone(value);

interface Clause {
  readonly contextKind: string;
  readonly attribute: string;
  readonly op: 'in';
  readonly values: readonly unknown[];
  readonly negate: boolean;
}

/**
 * A rule under construction: clauses joined by AND, finished by {@link thenReturn}.
 *
 * @example
 * ```ts
 * td.flag('beta').ifMatch('user', 'plan', 'pro').andNotMatch('user', 'country', 'FR').thenReturn(true);
 * ```
 */
export class TestRuleBuilder {
  private readonly clauses: Clause[] = [];

  /** @internal Created by {@link TestFlagBuilder.ifMatch} and {@link TestFlagBuilder.ifNotMatch}. */
  constructor(private readonly flag: TestFlagBuilder) {}

  /** Also requires the context kind's `attribute` to equal one of `values`. */
  andMatch(contextKind: string, attribute: string, ...values: unknown[]): this {
    this.clauses.push({ contextKind, attribute, op: 'in', values, negate: false });
    return this;
  }

  /** Also requires the context kind's `attribute` to equal none of `values`. */
  andNotMatch(contextKind: string, attribute: string, ...values: unknown[]): this {
    this.clauses.push({ contextKind, attribute, op: 'in', values, negate: true });
    return this;
  }

  /** Finishes the rule: contexts it matches get `variation`. */
  thenReturn(variation: TestVariation): TestFlagBuilder {
    if (typeof variation === 'boolean') this.flag.booleanFlag();
    return this.flag.addRule({ variation: indexOf(variation), clauses: [...this.clauses] });
  }
}

interface FlagSettings {
  on: boolean;
  variations: unknown[];
  offVariation?: number;
  fallthroughVariation?: number;
  /** variation index → context kind → keys */
  targets: Map<number, Map<string, string[]>>;
  rules: { variation: number; clauses: Clause[] }[];
}

/**
 * Describes one test flag; hand it to {@link TestData.update}. The flag JSON it builds is the one
 * LaunchDarkly's `TestDataFlagBuilder` builds, so the same test reads the same way on both SDKs.
 *
 * @example
 * ```ts
 * td.update(td.flag('banner').variations('A', 'B').fallthroughVariation(0).variationForUser('ada', 1));
 * ```
 */
export class TestFlagBuilder {
  private settings: FlagSettings;

  /** @internal Use {@link TestData.flag}. */
  constructor(
    readonly key: string,
    settings?: FlagSettings,
  ) {
    this.settings = settings ? clone(settings) : { on: true, variations: [], targets: new Map(), rules: [] };
  }

  /** Makes it a boolean flag (`[true, false]`, fallthrough `true`, off `false`) unless it already is. */
  booleanFlag(): this {
    const [first, second] = this.settings.variations;
    if (this.settings.variations.length === 2 && first === true && second === false) return this;
    return this.variations(true, false).fallthroughVariation(0).offVariation(1);
  }

  /** Sets the variations. */
  variations(...values: unknown[]): this {
    this.settings.variations = values;
    return this;
  }

  /** Turns targeting on or off (off serves the off variation). */
  on(on: boolean): this {
    this.settings.on = on;
    return this;
  }

  /** The variation served when no target or rule matches. */
  fallthroughVariation(variation: TestVariation): this {
    if (typeof variation === 'boolean') this.booleanFlag();
    this.settings.fallthroughVariation = indexOf(variation);
    return this;
  }

  /** The variation served while the flag is off. */
  offVariation(variation: TestVariation): this {
    if (typeof variation === 'boolean') this.booleanFlag();
    this.settings.offVariation = indexOf(variation);
    return this;
  }

  /** Serves `variation` to every context: on, no targets, no rules. */
  variationForAll(variation: TestVariation): this {
    return this.on(true).clearRules().clearAllTargets().fallthroughVariation(variation);
  }

  /** Serves `value` to every context: it becomes the only variation. */
  valueForAll(value: unknown): this {
    return this.variations(value).variationForAll(0);
  }

  /** Targets the user with `key` individually. */
  variationForUser(key: string, variation: TestVariation): this {
    return this.variationForContext('user', key, variation);
  }

  /** Targets the context of `kind` with `key` individually (and removes it from other variations). */
  variationForContext(kind: string, key: string, variation: TestVariation): this {
    if (typeof variation === 'boolean') this.booleanFlag();
    const index = indexOf(variation);
    for (const [other, byKind] of this.settings.targets) {
      const keys = byKind.get(kind);
      if (other === index || !keys?.includes(key)) continue;
      keys.splice(keys.indexOf(key), 1);
      if (keys.length === 0) byKind.delete(kind);
      if (byKind.size === 0) this.settings.targets.delete(other);
    }
    const byKind = this.settings.targets.get(index) ?? new Map<string, string[]>();
    const keys = byKind.get(kind) ?? [];
    if (!keys.includes(key)) keys.push(key);
    byKind.set(kind, keys);
    this.settings.targets.set(index, byKind);
    return this;
  }

  /** Starts a rule matching contexts whose `attribute` equals one of `values`. */
  ifMatch(contextKind: string, attribute: string, ...values: unknown[]): TestRuleBuilder {
    return new TestRuleBuilder(this).andMatch(contextKind, attribute, ...values);
  }

  /** Starts a rule matching contexts whose `attribute` equals none of `values`. */
  ifNotMatch(contextKind: string, attribute: string, ...values: unknown[]): TestRuleBuilder {
    return new TestRuleBuilder(this).andNotMatch(contextKind, attribute, ...values);
  }

  /** Removes every rule. */
  clearRules(): this {
    this.settings.rules = [];
    return this;
  }

  /** Removes every individual target. */
  clearAllTargets(): this {
    this.settings.targets = new Map();
    return this;
  }

  /** @internal Called by {@link TestRuleBuilder.thenReturn}. */
  addRule(rule: { variation: number; clauses: Clause[] }): this {
    this.settings.rules.push(rule);
    return this;
  }

  /** @internal A copy that later changes to this builder do not affect. */
  clone(): TestFlagBuilder {
    return new TestFlagBuilder(this.key, this.settings);
  }

  /** @internal The flag JSON at `version`. */
  build(version: number): Item {
    const { on, variations, offVariation, fallthroughVariation, targets, rules } = this.settings;
    const contextTargets: { contextKind: string; values: string[]; variation: number }[] = [];
    const userTargets: { values: string[]; variation: number }[] = [];
    for (const [variation, byKind] of targets) {
      for (const [contextKind, values] of byKind) {
        contextTargets.push({ contextKind, values: contextKind === 'user' ? [] : [...values], variation });
        if (contextKind === 'user') userTargets.push({ values: [...values], variation });
      }
    }
    return {
      key: this.key,
      version,
      on,
      ...(offVariation === undefined ? {} : { offVariation }),
      fallthrough: fallthroughVariation === undefined ? {} : { variation: fallthroughVariation },
      variations: [...variations],
      targets: userTargets,
      contextTargets,
      rules: rules.map((rule, index) => ({ id: `rule${index}`, ...clone(rule) })),
    };
  }
}

/**
 * Flags for unit tests, changeable while the test runs: every client built with
 * `dataSource: td.getFactory()` gets the flags at once (no network) and emits `update` when
 * {@link update} changes one. Mirrors LaunchDarkly's `integrations.TestData`.
 *
 * @example
 * ```ts
 * const td = new TestData();
 * td.update(td.flag('new-checkout').variationForAll(false));
 * const client = init({ dataSource: td.getFactory() });
 * td.update(td.flag('new-checkout').variationForUser('ada', true)); // client emits update
 * ```
 */
export class TestData {
  private readonly flags = new Map<string, Item>();
  private readonly segments = new Map<string, Item>();
  private readonly builders = new Map<string, TestFlagBuilder>();
  private readonly sources = new Set<DataSourceContext>();

  /** A builder for flag `key`: a copy of its last update, or a new boolean flag. */
  flag(key: string): TestFlagBuilder {
    return this.builders.get(key)?.clone() ?? new TestFlagBuilder(key).booleanFlag();
  }

  /** Stores the flag the builder describes, one version up, and pushes it to every client. */
  update(builder: TestFlagBuilder): Promise<void> {
    this.builders.set(builder.key, builder.clone());
    return this.put('flag', builder.build((this.flags.get(builder.key)?.version ?? 0) + 1));
  }

  /** Stores a flag given as full JSON (any rules, prerequisites, rollouts) and pushes it. */
  usePreconfiguredFlag(flag: Record<string, unknown> & { key: string }): Promise<void> {
    return this.put('flag', this.nextVersion(this.flags, flag));
  }

  /** Stores a segment given as full JSON and pushes it (flags using it emit `update`). */
  usePreconfiguredSegment(segment: Record<string, unknown> & { key: string }): Promise<void> {
    return this.put('segment', this.nextVersion(this.segments, segment));
  }

  /** The data source factory for the `dataSource` option. */
  getFactory(): DataSourceFactory {
    return (context) => this.attach(context);
  }

  private attach(context: DataSourceContext): DataSource {
    return {
      start: () => {
        this.sources.add(context);
        const changes = context.store.applySnapshot({
          flags: Object.fromEntries(this.flags),
          segments: Object.fromEntries(this.segments),
        });
        if (changes.length > 0) context.listener.onChanges(changes);
        context.listener.onSynced();
      },
      stop: async () => {
        this.sources.delete(context);
      },
    };
  }

  private nextVersion(held: Map<string, Item>, item: Record<string, unknown> & { key: string }): Item {
    const previous = held.get(item.key)?.version;
    const version =
      previous === undefined ? (typeof item.version === 'number' ? item.version : 1) : previous + 1;
    return { ...clone(item), version };
  }

  private put(kind: ItemChange['kind'], item: Item): Promise<void> {
    (kind === 'flag' ? this.flags : this.segments).set(item.key, item);
    for (const { store, listener } of this.sources) {
      if (store.upsert(kind, item as VersionedItem)) listener.onChanges([{ kind, key: item.key }]);
    }
    return Promise.resolve();
  }
}
