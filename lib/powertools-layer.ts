import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { type ILayerVersion, LayerVersion } from 'aws-cdk-lib/aws-lambda';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { buildSync } from 'esbuild';
import { TopologyError } from './errors.js';

/**
 * The modules Powertools' layer provides, which the bundles leave external, as its documentation
 * advises for esbuild. The layer is `npm install`ed Powertools, so its packages' own dependencies
 * (`@aws/lambda-invoke-store` for `commons`) sit beside them in the layer and resolve from there;
 * no handler imports them directly, so none is bundled either.
 * https://docs.aws.amazon.com/powertools/typescript/latest/getting-started/lambda-layers/
 */
export const powertoolsModules = ['@aws-lambda-powertools/*'] as const;

const SCOPE = '@aws-lambda-powertools/';

/**
 * Context key holding a Powertools layer version ARN to use instead of the public SSM parameter,
 * for partitions where Powertools publishes the layer but not the parameter (GovCloud, China), e.g.
 * `cdk deploy -c switchboard:powertoolsLayerArn=arn:aws-us-gov:lambda:us-gov-west-1:165093116878:layer:AWSLambdaPowertoolsTypeScriptV2:48`.
 * It must hold the version in `package-lock.json`.
 */
export const powertoolsLayerArnContext = 'switchboard:powertoolsLayerArn';

/**
 * The public SSM parameter whose value, in every commercial region, is the ARN of the layer holding
 * Powertools `version` (docs: "Lookup Layer ARN via AWS SSM Parameter Store", link above).
 *
 * @example
 * powertoolsLayerParameter('2.36.0'); // '/aws/service/powertools/typescript/generic/all/2.36.0'
 */
export const powertoolsLayerParameter = (version: string): string =>
  `/aws/service/powertools/typescript/generic/all/${version}`;

interface LockFile {
  readonly packages?: Record<string, { readonly version?: string }>;
}

/**
 * The Powertools version `package-lock.json` installs. Powertools releases its packages together and
 * the layer holds one release, so every installed `@aws-lambda-powertools/*` must have the same one.
 *
 * @example
 * installedPowertoolsVersion(join(repositoryRoot, 'package-lock.json')); // '2.36.0'
 */
export function installedPowertoolsVersion(lockFile: string): string {
  const lock = JSON.parse(readFileSync(lockFile, 'utf8')) as LockFile;
  const versions = new Map<string, string>();
  for (const [path, entry] of Object.entries(lock.packages ?? {})) {
    const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    if (path.includes('node_modules/') && name.startsWith(SCOPE) && entry.version)
      versions.set(path, entry.version);
  }
  const distinct = [...new Set(versions.values())];
  if (distinct.length !== 1) {
    throw new TopologyError(
      distinct.length === 0
        ? `${lockFile} installs no ${SCOPE}* package, so no Powertools layer version can be chosen`
        : `${lockFile} installs several Powertools versions (${[...versions].map(([path, version]) => `${path}@${version}`).join(', ')}); the layer holds one`,
    );
  }
  return distinct[0] as string;
}

const importers = new Map<string, boolean>();

/**
 * Whether the handler at `entry` (absolute, or relative to `projectRoot`) imports a Powertools
 * package, directly or through the files it imports by relative path. Scans that graph with esbuild,
 * every package left unresolved (tens of milliseconds), once per entry and process. Workspace packages
 * are not followed: the platform-free core imports no Powertools, and the bundling test checks each
 * function's layer against its full bundle.
 *
 * @example
 * importsPowertools('lambdas/fanout.ts', repositoryRoot); // true: it logs through telemetry.ts
 */
export function importsPowertools(entry: string, projectRoot: string): boolean {
  const path = isAbsolute(entry) ? entry : join(projectRoot, entry);
  let found = importers.get(path);
  if (found === undefined) {
    const { metafile } = buildSync({
      entryPoints: [path],
      absWorkingDir: projectRoot,
      bundle: true,
      packages: 'external',
      platform: 'node',
      format: 'esm',
      write: false,
      metafile: true,
      outfile: 'scan.mjs',
      logLevel: 'silent',
    });
    found = Object.values(metafile.outputs).some((output) =>
      output.imports.some((imported) => imported.external && imported.path.startsWith(SCOPE)),
    );
    importers.set(path, found);
  }
  return found;
}

export interface PowertoolsLayerProps {
  /** The lock file whose Powertools version the layer must hold. */
  readonly lockFile: string;
}

/**
 * Powertools for AWS Lambda (TypeScript) as its official public layer, pinned to the version the
 * lock file installs: the ARN is the value of Powertools' public SSM parameter for that version,
 * resolved by CloudFormation in the region being deployed to (a stack parameter of type
 * `AWS::SSM::Parameter::Value<String>`), or the ARN given as `switchboard:powertoolsLayerArn`.
 * Lambda mounts the layer at `/opt/nodejs/node_modules`, from which Node.js 18+ runtimes resolve the
 * bare imports of ES modules too (https://docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html#designate-es-module);
 * Powertools' documentation states the layer works with CommonJS and ESM.
 *
 * @example
 * ```ts
 * const powertools = new PowertoolsLayer(this, 'Powertools', { lockFile: join(root, 'package-lock.json') });
 * fn.addLayers(powertools.layer);
 * ```
 */
export class PowertoolsLayer extends Construct {
  /** The Powertools version the layer holds (the installed one). */
  public readonly version: string;
  /** The SSM parameter the ARN is read from at deploy time; undefined when given by context. */
  public readonly parameterName: string | undefined;
  public readonly layer: ILayerVersion;

  constructor(scope: Construct, id: string, props: PowertoolsLayerProps) {
    super(scope, id);
    this.version = installedPowertoolsVersion(props.lockFile);
    const given = this.givenArn();
    this.parameterName = given === undefined ? powertoolsLayerParameter(this.version) : undefined;
    const arn =
      given ?? StringParameter.valueForStringParameter(this, powertoolsLayerParameter(this.version));
    this.layer = LayerVersion.fromLayerVersionArn(this, 'Layer', arn);
  }

  private givenArn(): string | undefined {
    const given: unknown = this.node.tryGetContext(powertoolsLayerArnContext);
    if (given === undefined) return undefined;
    if (typeof given !== 'string' || !/^arn:[\w-]+:lambda:[\w-]+:\d{12}:layer:[\w-]+:\d+$/.test(given)) {
      throw new TopologyError(
        `${powertoolsLayerArnContext} must be a layer version ARN, got ${JSON.stringify(given)}`,
      );
    }
    return given;
  }
}
