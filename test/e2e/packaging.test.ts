import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { freePort, type Runtime, startRuntime } from '@switchboard/local';
import { build } from 'esbuild';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PackResult, pack, tarballPath } from '../../scripts/pack.js';
import {
  type PublishedPackage,
  publishedPackages,
  readManifest,
  repositoryRoot,
} from '../../scripts/packages.js';

/**
 * The published shape, as a user gets it: the packages are built, packed with `npm pack`, installed
 * with plain `npm install` into a project in the OS temp dir (outside the repository, so nothing
 * resolves to the workspace), and used from plain `node` (no loader, no source condition): an ESM
 * and a CommonJS program connect to a local runtime, evaluate a flag and see it change; `tsc` checks
 * a TypeScript program against the shipped declarations. The browser packages are bundled for the
 * browser by esbuild and type-checked with the DOM's types, as a web application uses them.
 */
const run = promisify(execFile);
/** The test's own Node options (the source condition from `.npmrc`) must not reach the consumer. */
const { NODE_OPTIONS: _, ...consumerEnv } = process.env;
const repoVersion = (name: string): string =>
  (
    JSON.parse(readFileSync(join(repositoryRoot, 'node_modules', name, 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;

const consumer = (importLine: string, resolveEntry: string) => `${importLine}

const client = init({
  sdkKey: process.env.SWITCHBOARD_SDK_KEY,
  baseUrl: process.env.SWITCHBOARD_API_URL,
  streamUrl: process.env.SWITCHBOARD_WS_URL,
  logger: silentLogger,
});
const context = { kind: 'user', key: 'packed-consumer' };
const report = (event) =>
  console.log(JSON.stringify({ event, value: client.boolVariation('new-checkout', context, false), entry: ${resolveEntry} }));

client.on('update', ({ key }) => {
  if (key !== 'new-checkout') return;
  report('update');
  client.close().then(() => process.exit(0));
});
client.waitForInitialization({ timeout: 10 }).then(() => report('ready'), (error) => {
  console.error(error);
  process.exit(1);
});
`;

const typedConsumer = `import { init, type SwitchboardClient, type SwitchboardOptions } from '@switchboard/node';
import { createEvaluator, type EvaluationDetail, type Flag, type SingleContext } from '@switchboard/core';
import { EventSummarizer } from '@switchboard/core/events';

const options: SwitchboardOptions = { sdkKey: 'sdk-key', baseUrl: 'http://localhost:4000', streamUrl: 'ws://localhost:4001' };
const client: SwitchboardClient = init(options);
const context: SingleContext = { kind: 'user', key: 'u-1', plan: 'pro' };
const enabled: boolean = client.boolVariation('new-checkout', context, false);
const label: string = client.stringVariation('banner', context, 'hello');
const flags: Record<string, Flag> = {};
const detail: EvaluationDetail<number> = createEvaluator({ flags, segments: {} }).evaluate('x', context, 0);
new EventSummarizer();
// @ts-expect-error: a typed variation's default has the variation's type
client.boolVariation('new-checkout', context, 'no');
export { enabled, label, detail };
`;

/**
 * A server's use of `@switchboard/core/schema`, in a project of its own: that entry needs valibot,
 * an optional peer the main scratch project must not have.
 */
const schemaConsumer = `import type { Flag } from '@switchboard/core';
import type { AnalyticsEvent } from '@switchboard/core/events';
import { eventBatchSchema, parseFlag, parseWith } from '@switchboard/core/schema';

const flag: Flag = parseFlag({});
const events: readonly AnalyticsEvent[] = parseWith(eventBatchSchema, []);
// @ts-expect-error: a parsed batch holds events, not strings
const names: readonly string[] = parseWith(eventBatchSchema, []);
export { flag, events, names };
`;

/** A React application of the browser packages, as a bundler and `tsc` (DOM, JSX) see it. */
const webConsumer = `import { initialize, type SwitchboardClient } from '@switchboard/browser';
import { SwitchboardProvider, useFlag, useFlags } from '@switchboard/react';
import type { ReactNode } from 'react';

const client: SwitchboardClient = initialize('client-side-id', { kind: 'user', key: 'u-1' }, { url: 'https://flags.example.com' });
const early: boolean = client.variation('new-checkout', false);

function Checkout(): ReactNode {
  const enabled: boolean = useFlag('new-checkout', false);
  const flags: Readonly<Record<string, unknown>> = useFlags();
  // @ts-expect-error: useFlag's value has the default's type
  const label: number = useFlag('checkout-label', 'Buy');
  return <p title={String(label)}>{enabled ? 'new' : 'old'} of {Object.keys(flags).length}</p>;
}

export const App = (): ReactNode => (
  <SwitchboardProvider client={client}>
    <Checkout />
  </SwitchboardProvider>
);
document.title = String(early);
`;

/**
 * An import of every entry of every package, for `moduleResolution: node10`, which ignores `exports`
 * and finds a subpath's declarations only through `typesVersions`. A subpath it cannot find is
 * TS2307; one it finds as JavaScript alone is TS7016 under `strict`.
 */
const node10Consumer = (): string =>
  publishedPackages
    .map(readManifest)
    .flatMap(({ name, exports }) =>
      Object.entries(exports)
        .filter(([, target]) => typeof target !== 'string')
        .map(([subpath]) => posix.join(name, subpath)),
    )
    .map((specifier, index) => `import * as entry${index} from '${specifier}';\nexport { entry${index} };\n`)
    .join('');

/** The OpenFeature entry, bundled with its optional peer left to the application. */
const openFeatureConsumer = `import { SwitchboardWebProvider } from '@switchboard/browser/openfeature';
export const provider = SwitchboardWebProvider;
`;

interface Line {
  readonly event: 'ready' | 'update';
  readonly value: boolean;
  readonly entry: string;
}

/** A running consumer and the JSON lines it has printed so far. */
function startConsumer(cwd: string, file: string, runtime: Runtime, sdkKey: string) {
  const child = spawn(process.execPath, [file], {
    cwd,
    env: {
      ...consumerEnv,
      SWITCHBOARD_SDK_KEY: sdkKey,
      SWITCHBOARD_API_URL: runtime.apiUrl,
      SWITCHBOARD_WS_URL: runtime.wsUrl,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const lines: Line[] = [];
  const waiters: (() => void)[] = [];
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
    lines.push(JSON.parse(line) as Line);
    for (const wake of waiters.splice(0)) wake();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  /** Resolves with the first line of that event, or rejects if the program ends without one. */
  const next = (event: Line['event']): Promise<Line> =>
    new Promise((resolve, reject) => {
      const check = () => {
        const line = lines.find((l) => l.event === event);
        if (line) resolve(line);
        else waiters.push(check);
      };
      check();
      void exited.then((code) => reject(new Error(`${file} exited (${code}) before "${event}": ${stderr}`)));
    });
  return { child, next, exited };
}

describe('the packed packages, installed outside the repository', () => {
  let scratch: string;
  /** A second project: `@switchboard/core` with its optional peer valibot, for `./schema`. */
  let schemaScratch: string;
  let packed: PackResult[];
  let runtime: Runtime;
  let sdkKey: string;
  let adminToken: string;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'switchboard-consumer-'));
    const runtimeStarted = (async () =>
      startRuntime({
        ports: { http: 0, ws: 0, dynamodb: await freePort(), kinesis: await freePort() },
        inMemory: true,
        logLevel: 'quiet',
      }))();
    runtimeStarted.catch(() => {});

    await run(join(repositoryRoot, 'node_modules/.bin/tsdown'), ['--log-level', 'error'], {
      cwd: repositoryRoot,
    });
    packed = await pack(publishedPackages, scratch);
    writeFileSync(
      join(scratch, 'package.json'),
      JSON.stringify({
        name: 'switchboard-consumer',
        private: true,
        dependencies: Object.fromEntries(packed.map((p) => [p.name, `file:${tarballPath(scratch, p)}`])),
        devDependencies: Object.fromEntries(
          // React is the browser packages' peer, installed by the application.
          ['typescript', '@types/node', 'react', '@types/react'].map((name) => [name, repoVersion(name)]),
        ),
      }),
    );
    const core = packed.find((p) => p.name === '@switchboard/core') as PackResult;
    schemaScratch = join(scratch, 'schema-consumer');
    mkdirSync(schemaScratch);
    writeFileSync(
      join(schemaScratch, 'package.json'),
      JSON.stringify({
        name: 'switchboard-schema-consumer',
        private: true,
        dependencies: {
          [core.name]: `file:${tarballPath(scratch, core)}`,
          valibot: repoVersion('valibot'),
        },
      }),
    );
    // The repository's own install has put these versions in npm's cache, so this stays quick.
    const install = (cwd: string) =>
      run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], {
        cwd,
        env: consumerEnv,
      });
    await Promise.all([install(scratch), install(schemaScratch)]);

    writeFileSync(
      join(scratch, 'esm.mjs'),
      consumer(
        "import { init, silentLogger } from '@switchboard/node';",
        "import.meta.resolve('@switchboard/node')",
      ),
    );
    writeFileSync(
      join(scratch, 'cjs.cjs'),
      consumer(
        "const { init, silentLogger } = require('@switchboard/node');",
        "require.resolve('@switchboard/node')",
      ),
    );
    writeFileSync(join(scratch, 'typed.ts'), typedConsumer);
    writeFileSync(join(scratch, 'web.tsx'), webConsumer);
    writeFileSync(join(scratch, 'openfeature.ts'), openFeatureConsumer);
    writeFileSync(
      join(scratch, 'tsconfig.web.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'esnext',
          moduleResolution: 'bundler',
          target: 'es2022',
          lib: ['es2022', 'dom'],
          jsx: 'react-jsx',
          strict: true,
          noEmit: true,
          types: [],
        },
        files: ['web.tsx'],
      }),
    );
    writeFileSync(join(scratch, 'node10.ts'), node10Consumer());
    writeFileSync(
      join(scratch, 'tsconfig.node10.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'commonjs',
          moduleResolution: 'node10',
          target: 'es2022',
          lib: ['es2022', 'dom'],
          jsx: 'react-jsx',
          strict: true,
          noEmit: true,
          // What is checked is that every entry resolves to its declarations; the optional peers
          // (OpenFeature, valibot) they import are not installed here.
          skipLibCheck: true,
          types: ['node'],
        },
        files: ['node10.ts'],
      }),
    );
    writeFileSync(
      join(scratch, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'nodenext',
          target: 'es2022',
          strict: true,
          noEmit: true,
          types: ['node'],
        },
        files: ['typed.ts'],
      }),
    );
    // As `.ts` (CommonJS here) and `.mts`, so that both `schema.d.cts` and `schema.d.ts` are read.
    writeFileSync(join(schemaScratch, 'schema.ts'), schemaConsumer);
    writeFileSync(join(schemaScratch, 'schema.mts'), schemaConsumer);
    writeFileSync(
      join(schemaScratch, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'nodenext',
          target: 'es2022',
          strict: true,
          // TypeScript's default, under which a consumer type-checks our declarations too.
          skipLibCheck: false,
          noEmit: true,
          // The core is platform-free; valibot's declarations name `Blob` and `File`, which the
          // default `lib` (with the DOM) declares.
          types: [],
        },
        files: ['schema.ts', 'schema.mts'],
      }),
    );

    runtime = await runtimeStarted;
    adminToken = runtime.local?.adminToken as string;
    const production = runtime.local?.projects[0]?.environments.find((e) => e.key === 'production');
    sdkKey = production?.sdkKey as string;
  });

  afterAll(async () => {
    for (const child of children) child.kill();
    await runtime?.stop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('ships every file its exports map names, source maps and its documents; no sources or tests', () => {
    const manifests = new Map(publishedPackages.map((pkg) => readManifest(pkg)).map((m) => [m.name, m]));
    for (const { name, files } of packed) {
      const paths = files.map((f) => f.path);
      const named = Object.values(manifests.get(name)?.exports ?? {}).flatMap((target) =>
        typeof target === 'string'
          ? [target]
          : [target.import, target.require].flatMap((built) => (built ? [built.types, built.default] : [])),
      );
      expect(named.length, name).toBeGreaterThan(1);
      expect(paths, name).toEqual(expect.arrayContaining(named.map((file) => file.replace(/^\.\//, ''))));
      expect(paths, name).toEqual(expect.arrayContaining(['README.md', 'LICENSE', 'CHANGELOG.md']));
      expect(paths.filter((p) => p.endsWith('.js.map')).length, name).toBeGreaterThan(0);
      const others = paths.filter(
        (p) => !p.startsWith('dist/') && !/^([A-Z]+\.md|LICENSE|package\.json)$/.test(p),
      );
      expect(others, name).toEqual([]);
    }
  });

  it('points every sourceMappingURL in a tarball at a file in that tarball', () => {
    for (const { name, files } of packed) {
      const paths = new Set(files.map((f) => f.path));
      const dangling = [...paths].flatMap((path) => {
        const code = readFileSync(join(scratch, 'node_modules', name, path), 'utf8');
        return [...code.matchAll(/^\/\/# sourceMappingURL=(\S+)\s*$/gm)]
          .map(([, url]) => posix.join(posix.dirname(path), url as string))
          .filter((target) => !paths.has(target))
          .map((target) => `${path} → ${target}`);
      });
      expect(dangling, name).toEqual([]);
    }
  });

  // Next.js's App Router renders a module on the server unless its first statement says otherwise;
  // the provider and hooks use state and effects, which a server component cannot.
  it('starts every built entry of @switchboard/react with the "use client" directive', () => {
    const react = publishedPackages.find((pkg) => pkg.dir === 'packages/react') as PublishedPackage;
    const entries = Object.values(readManifest(react).exports).flatMap((target) =>
      typeof target === 'string' ? [] : [target.import?.default, target.require?.default].filter(Boolean),
    );
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries as string[]) {
      const path = join(scratch, 'node_modules/@switchboard/react', entry);
      const code = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest);
      const [first] = code.statements;
      const directive =
        first && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression)
          ? first.expression.text
          : first?.getText(code);
      expect(directive, entry).toBe('use client');
    }
  });

  it('installs no optional peer dependency: valibot (core/schema), OpenFeature (node and browser)', () => {
    for (const peer of ['valibot', '@openfeature/server-sdk', '@openfeature/web-sdk']) {
      expect(existsSync(join(scratch, 'node_modules', peer)), peer).toBe(false);
    }
  });

  it('evaluates a flag and receives its change from plain node, by ESM import and CommonJS require', async () => {
    const esm = startConsumer(scratch, 'esm.mjs', runtime, sdkKey);
    const cjs = startConsumer(scratch, 'cjs.cjs', runtime, sdkKey);
    children.push(esm.child, cjs.child);

    const ready = await Promise.all([esm.next('ready'), cjs.next('ready')]);
    expect(ready.map((l) => l.value)).toEqual([true, true]);
    expect(ready[0]?.entry).toMatch(/node_modules\/@switchboard\/node\/dist\/index\.js$/);
    expect(ready[1]?.entry).toMatch(/node_modules\/@switchboard\/node\/dist\/index\.cjs$/);

    const response = await fetch(`${runtime.apiUrl}/api/v1/projects/demo/flags/new-checkout?env=production`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ comment: 'pack test', instructions: [{ kind: 'turnFlagOff' }] }),
    });
    expect(response.status).toBe(200);

    const updates = await Promise.all([esm.next('update'), cjs.next('update')]);
    expect(updates.map((l) => l.value)).toEqual([false, false]);
    expect(await Promise.all([esm.exited, cjs.exited])).toEqual([0, 0]);
  });

  it('bundles a React application of the browser packages for the browser, from their dist', async () => {
    const result = await build({
      absWorkingDir: scratch,
      entryPoints: ['web.tsx', 'openfeature.ts'],
      outdir: 'out',
      bundle: true,
      format: 'esm',
      platform: 'browser',
      jsx: 'automatic',
      external: ['@openfeature/web-sdk'],
      metafile: true,
      write: false,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs).toEqual(
      expect.arrayContaining([
        'node_modules/@switchboard/browser/dist/index.js',
        'node_modules/@switchboard/browser/dist/openfeature.js',
        'node_modules/@switchboard/react/dist/index.js',
        expect.stringMatching(/^node_modules\/react\//),
      ]),
    );
    // Everything comes from the scratch project's installed files: no source, no core, no repository.
    const others = inputs.filter((input) => !/^(web\.tsx|openfeature\.ts|node_modules\/)/.test(input));
    expect(others).toEqual([]);
    expect(inputs.filter((input) => /@switchboard\/core|\/src\//.test(input))).toEqual([]);
  });

  // Three `tsc` processes on the shared 2-vCPU machine: 55 s at a load average of about 10.
  it('type-checks a Node consumer, a TSX browser consumer with the DOM types, and every entry under node10 resolution, against the shipped declarations', {
    timeout: 120_000,
  }, async () => {
    const tsc = join(scratch, 'node_modules/typescript/bin/tsc');
    // Three projects, three processes at once: the Node one mostly reads @types/node, the web one
    // React's, the node10 one only resolves.
    const checks = ['tsconfig.json', 'tsconfig.web.json', 'tsconfig.node10.json'].map((project) =>
      run(process.execPath, [tsc, '-p', project], { cwd: scratch, env: consumerEnv }).catch(
        (error: { stdout?: string }) => ({ project, stdout: error.stdout }),
      ),
    );
    await expect(Promise.all(checks)).resolves.toEqual(
      [{ stdout: '' }, { stdout: '' }, { stdout: '' }].map((ok) => expect.objectContaining(ok)),
    );
  });

  // Checking valibot's own declarations (which `skipLibCheck: false` includes) takes most of the
  // time: 9 s of checking, 25 s in all, at a load average of 10 on the shared 2-vCPU machine.
  it('type-checks a consumer of core/schema against the shipped declarations and valibot’s', {
    timeout: 120_000,
  }, async () => {
    const tsc = join(scratch, 'node_modules/typescript/bin/tsc');
    await expect(
      run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: schemaScratch, env: consumerEnv }),
    ).resolves.toMatchObject({ stdout: '' });
  });
});
