import { type FSWatcher, readFileSync, watch } from 'node:fs';
import type { DataSource, DataSourceContext, DataSourceFactory } from './data-source.js';
import { SwitchboardConfigError } from './errors.js';
import type { Snapshot } from './flag-store.js';
import type { VersionedItem } from './messages.js';
import { defineOwn } from './own-property.js';

/** Options of {@link fileData}, as those of LaunchDarkly's `integrations.FileDataSource`. */
export interface FileDataOptions {
  /** JSON (or, with `yamlParser`, YAML) files, merged; a key defined in two files is an error. */
  readonly paths: readonly string[];
  /** Reload when a file changes. @default false */
  readonly autoUpdate?: boolean;
  /** Parses `.yml`/`.yaml` files, e.g. `(text) => YAML.parse(text)` from the `yaml` package. */
  readonly yamlParser?: (text: string) => unknown;
}

type Items = Record<string, Record<string, unknown>>;

interface FileDocument {
  flags?: Items;
  flagValues?: Record<string, unknown>;
  segments?: Items;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A flag serving `value` to everyone, LaunchDarkly's expansion of a `flagValues` entry. */
const valueFlag = (key: string, value: unknown) => ({
  key,
  on: true,
  fallthrough: { variation: 0 },
  variations: [value],
});

/**
 * Flags and segments from local files, in LaunchDarkly's file format: `{ flags, flagValues,
 * segments }`, where `flags` and `segments` hold full JSON and `flagValues` maps a key to the value
 * everyone gets. With `autoUpdate`, an edit is applied within milliseconds and the client emits
 * `update` for what changed; a file that fails to parse is logged and the last good data kept.
 *
 * @example
 * ```ts
 * const client = init({ dataSource: fileData({ paths: ['./flags.json'], autoUpdate: true }) });
 * ```
 */
export function fileData(options: FileDataOptions): DataSourceFactory {
  if (options.paths.length === 0) throw new SwitchboardConfigError('fileData needs at least one path');
  return (context) => new FileDataSource(options, context);
}

class FileDataSource implements DataSource {
  private readonly watchers: FSWatcher[] = [];
  /** Versions by `kind:key`, bumped whenever an item's JSON changes between loads. */
  private readonly held = new Map<string, { json: string | null; version: number }>();
  private reload: ReturnType<typeof setTimeout> | undefined;
  private loaded = false;

  constructor(
    private readonly options: FileDataOptions,
    private readonly context: DataSourceContext,
  ) {}

  start(): void {
    this.load();
    if (!this.options.autoUpdate) return;
    for (const path of this.options.paths) {
      // Editors save in bursts (truncate, write, rename); one reload after the burst is enough.
      const watcher = watch(path, () => {
        if (this.reload !== undefined) clearTimeout(this.reload);
        this.reload = setTimeout(() => {
          this.reload = undefined;
          this.load();
        }, 20);
      });
      watcher.on('error', (error) => this.context.logger.warn(`Cannot watch ${path}`, error));
      this.watchers.push(watcher);
    }
  }

  async stop(): Promise<void> {
    if (this.reload !== undefined) clearTimeout(this.reload);
    for (const watcher of this.watchers) watcher.close();
  }

  private load(): void {
    let snapshot: Snapshot;
    try {
      snapshot = this.read();
    } catch (error) {
      this.context.logger.error('Cannot load flag data files; keeping the last good data', error);
      // Without a watcher nothing can fix a first load that failed: fail initialization, as
      // LaunchDarkly's file data source does. With one, the next edit may.
      if (!this.loaded && !this.options.autoUpdate) {
        this.context.listener.onFatal(
          new SwitchboardConfigError('Cannot load flag data files', { cause: error }),
        );
      } else {
        this.context.listener.onInterrupted(error as Error);
      }
      return;
    }
    this.loaded = true;
    const changes = this.context.store.applySnapshot(snapshot);
    if (changes.length > 0) this.context.listener.onChanges(changes);
    this.context.listener.onSynced();
  }

  private read(): Snapshot {
    const flags: Items = {};
    const segments: Items = {};
    const add = (target: Items, kind: string, key: string, item: unknown, path: string) => {
      if (Object.hasOwn(target, key))
        throw new SwitchboardConfigError(`${kind} "${key}" is defined twice (${path})`);
      if (!isRecord(item)) throw new SwitchboardConfigError(`${kind} "${key}" in ${path} is not an object`);
      defineOwn(target, key, item);
    };
    for (const path of this.options.paths) {
      const document = this.parse(path);
      for (const [key, flag] of Object.entries(document.flags ?? {})) add(flags, 'flag', key, flag, path);
      for (const [key, value] of Object.entries(document.flagValues ?? {})) {
        add(flags, 'flag', key, valueFlag(key, value), path);
      }
      for (const [key, segment] of Object.entries(document.segments ?? {})) {
        add(segments, 'segment', key, segment, path);
      }
    }
    return { flags: this.versioned('flag', flags), segments: this.versioned('segment', segments) };
  }

  private parse(path: string): FileDocument {
    const text = readFileSync(path, 'utf8');
    const yaml = /\.ya?ml$/i.test(path);
    if (yaml && !this.options.yamlParser) {
      throw new SwitchboardConfigError(`${path} is YAML; pass yamlParser to read it`);
    }
    const document = yaml ? this.options.yamlParser?.(text) : JSON.parse(text);
    if (!isRecord(document)) throw new SwitchboardConfigError(`${path} does not hold an object`);
    return document as FileDocument;
  }

  /** Gives each item a version that only moves when its content changes, so reloads announce only edits. */
  private versioned(kind: string, items: Items): Record<string, VersionedItem> {
    const result: Record<string, VersionedItem> = {};
    for (const [key, item] of Object.entries(items)) {
      const { version: _ignored, ...content } = item;
      const json = JSON.stringify(content);
      const previous = this.held.get(`${kind}:${key}`);
      const version =
        previous === undefined
          ? typeof item.version === 'number'
            ? item.version
            : 1
          : previous.json === json
            ? previous.version
            : previous.version + 1;
      this.held.set(`${kind}:${key}`, { json, version });
      defineOwn(result, key, { ...content, key, version });
    }
    for (const [id, previous] of this.held) {
      const [heldKind, ...rest] = id.split(':');
      if (heldKind !== kind || previous.json === null || Object.hasOwn(items, rest.join(':'))) continue;
      // The store tombstones a vanished item one version up; a comeback must be newer still.
      this.held.set(id, { json: null, version: previous.version + 1 });
    }
    return result;
  }
}
