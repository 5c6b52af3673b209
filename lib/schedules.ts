import {
  schedules as declaredSchedules,
  type FunctionName,
  type ScheduleDeclaration,
} from '@switchboard/topology';
import { Duration } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Construct } from 'constructs';
import { assertUnique, lookUp, pascalCase } from './declarations.js';
import { TopologyError } from './errors.js';
import type { Functions } from './functions.js';

export interface SchedulesProps {
  /** The functions the schedules run. */
  readonly functions: Functions;
  /**
   * The schedules to create.
   * @default every schedule of the topology (`@switchboard/topology`)
   */
  readonly schedules?: readonly ScheduleDeclaration[];
}

/**
 * One EventBridge rule per declared schedule, running its function at the declared rate (the local
 * runtime runs the same declarations). Creates nothing when no schedule is declared.
 *
 * @example
 * ```ts
 * new Schedules(stack, 'Schedules', { functions });
 * ```
 */
export class Schedules extends Construct {
  /** The created rules by the function they run. */
  public readonly rules: ReadonlyMap<FunctionName, Rule>;

  constructor(scope: Construct, id: string, props: SchedulesProps) {
    super(scope, id);
    const declarations = props.schedules ?? declaredSchedules;
    assertUnique(
      declarations.map((d) => d.function),
      'Schedule',
    );
    const rules = new Map<FunctionName, Rule>();
    for (const declaration of declarations) {
      const referrer = `Schedule of "${declaration.function}"`;
      if (!Number.isInteger(declaration.rateMinutes) || declaration.rateMinutes < 1) {
        throw new TopologyError(`${referrer}: rateMinutes must be a whole number of minutes, at least 1`);
      }
      const target = lookUp(props.functions.functions, declaration.function, 'function', referrer);
      rules.set(
        declaration.function,
        new Rule(this, `${pascalCase(declaration.function)}Schedule`, {
          description: declaration.description,
          schedule: Schedule.rate(Duration.minutes(declaration.rateMinutes)),
          targets: [new LambdaFunction(target, { retryAttempts: 0 })],
        }),
      );
    }
    this.rules = rules;
  }
}
