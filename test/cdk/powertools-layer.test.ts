import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TopologyError } from '../../lib/errors.js';
import { repositoryRoot } from '../../lib/functions.js';
import {
  importsPowertools,
  installedPowertoolsVersion,
  PowertoolsLayer,
  powertoolsLayerArnContext,
  powertoolsLayerParameter,
} from '../../lib/powertools-layer.js';
import { fixtureEntry, oneFunction, type Synthesized, synthesize, synthTimeout } from './synth.js';

const lockFile = join(repositoryRoot, 'package-lock.json');

/** The version npm actually installed, read from the packages themselves rather than the lock file. */
const installed = (name: string): string =>
  (
    JSON.parse(
      readFileSync(join(repositoryRoot, 'node_modules/@aws-lambda-powertools', name, 'package.json'), 'utf8'),
    ) as { version: string }
  ).version;

describe('PowertoolsLayer', () => {
  it('pins the Powertools version npm installed', () => {
    const version = installedPowertoolsVersion(lockFile);
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    expect([installed('logger'), installed('metrics'), installed('commons')]).toEqual([
      version,
      version,
      version,
    ]);
  });

  it(
    "reads the layer's ARN at deploy time from Powertools' public SSM parameter for that version",
    () => {
      const stack = new Stack(new App(), 'Layer');
      const { layer, parameterName } = new PowertoolsLayer(stack, 'Powertools', { lockFile });
      expect(parameterName).toBe(`/aws/service/powertools/typescript/generic/all/${installed('logger')}`);
      const parameters = Object.values(Template.fromStack(stack).toJSON().Parameters ?? {});
      expect(parameters).toContainEqual({
        Type: 'AWS::SSM::Parameter::Value<String>',
        Default: parameterName,
      });
      expect(stack.resolve(layer.layerVersionArn)).toEqual({
        Ref: expect.stringMatching(/^SsmParameterValue/),
      });
    },
    synthTimeout,
  );

  it(
    'takes a layer version ARN from context instead, and reads no parameter',
    () => {
      const arn = 'arn:aws-us-gov:lambda:us-gov-west-1:165093116878:layer:AWSLambdaPowertoolsTypeScriptV2:48';
      const stack = new Stack(new App({ context: { [powertoolsLayerArnContext]: arn } }), 'Layer');
      const { layer, parameterName } = new PowertoolsLayer(stack, 'Powertools', { lockFile });
      expect(parameterName).toBeUndefined();
      expect(layer.layerVersionArn).toBe(arn);
      expect(JSON.stringify(Template.fromStack(stack).toJSON().Parameters)).not.toContain(
        '/aws/service/powertools',
      );
    },
    synthTimeout,
  );

  it.each([
    'arn:aws:lambda:eu-west-1:094274105915:layer:AWSLambdaPowertoolsTypeScriptV2',
    'AWSLambdaPowertoolsTypeScriptV2:48',
    42,
  ])('rejects %j as the context ARN', (arn) => {
    const stack = new Stack(new App({ context: { [powertoolsLayerArnContext]: arn } }), 'Layer');
    expect(() => new PowertoolsLayer(stack, 'Powertools', { lockFile })).toThrow(TopologyError);
  });

  describe('with a lock file that names no single version', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'powertools-lock-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    const lockWith = (packages: Record<string, { version: string }>): string => {
      const file = join(dir, `${Object.keys(packages).length}.json`);
      writeFileSync(file, JSON.stringify({ lockfileVersion: 3, packages: { '': {}, ...packages } }));
      return file;
    };

    it('throws when two Powertools versions are installed: the layer holds one', () => {
      const file = lockWith({
        'node_modules/@aws-lambda-powertools/logger': { version: '2.36.0' },
        'node_modules/@aws-lambda-powertools/metrics': { version: '2.35.1' },
      });
      expect(() => installedPowertoolsVersion(file)).toThrow(/several Powertools versions/);
    });

    it('throws when none is installed', () => {
      expect(() => installedPowertoolsVersion(lockWith({}))).toThrow(/no @aws-lambda-powertools/);
    });
  });

  it('knows which handlers import Powertools', () => {
    expect(importsPowertools('lambdas/fanout.ts', repositoryRoot)).toBe(true);
    expect(importsPowertools('lambdas/ws-connection.ts', repositoryRoot)).toBe(false);
    expect(importsPowertools(join(repositoryRoot, fixtureEntry), repositoryRoot)).toBe(false);
  });

  it('names the documented parameter path', () => {
    expect(powertoolsLayerParameter('2.14.0')).toBe('/aws/service/powertools/typescript/generic/all/2.14.0');
  });
});

describe('the stack with the topology', () => {
  let s: Synthesized;
  beforeAll(() => {
    s = synthesize();
  }, synthTimeout);

  it('gives the layer to the functions that import Powertools and passes the AwsSolutions checks', () => {
    const { powertools, declarations } = s.stack.functions;
    expect(powertools?.parameterName).toBe(powertoolsLayerParameter(installed('logger')));
    const layered = declarations.filter((d) => importsPowertools(d.entry, repositoryRoot));
    expect(layered.length).toBeGreaterThan(0);
    s.template.resourcePropertiesCountIs(
      'AWS::Lambda::Function',
      { Layers: [s.stack.resolve(powertools?.layer.layerVersionArn)] },
      layered.length,
    );
    expect(s.nagFindings).toEqual([]);
  });

  it(
    'creates no layer parameter when no function imports Powertools',
    () => {
      const bare = synthesize({ declarations: oneFunction(fixtureEntry) });
      expect(bare.stack.functions.powertools).toBeUndefined();
      expect(JSON.stringify(bare.template.toJSON().Parameters ?? {})).not.toContain('powertools');
    },
    synthTimeout,
  );
});
