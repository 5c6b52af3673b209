import type { EngineControl, EngineInstance, EngineName } from './engine-control.js';
import { FaultInjector } from './faults.js';

/**
 * The runtime's faults (`runtime.faults`): those of {@link FaultInjector} plus stopping and
 * restarting an engine on its port with its data, so every client bound to it (handlers, pollers)
 * reaches it again. Restarts keep data only when the runtime persists (`inMemory: false`).
 *
 * @example
 * await runtime.faults.stopEngine('dynamodb', 'kill');
 * await runtime.faults.startEngine('dynamodb');
 */
export class RuntimeFaults extends FaultInjector {
  readonly #engines = new Map<EngineName, EngineControl<EngineInstance>>();

  constructor(private readonly persistent: boolean) {
    super();
  }

  /** Called by the runtime for each engine it starts. */
  addEngine(control: EngineControl<EngineInstance>): void {
    this.#engines.set(control.name, control);
  }

  /** Stops an engine; `kill` gives it no chance to finish anything (DynamoDB Local: SIGKILL). */
  async stopEngine(name: EngineName, how: 'graceful' | 'kill' = 'kill'): Promise<void> {
    if (!this.persistent) {
      throw new Error(`Stopping ${name} would lose its data: start the runtime with inMemory: false`);
    }
    await this.#engine(name).stop(how);
  }

  /** Starts a stopped engine again on the same port, with the data it held. */
  async startEngine(name: EngineName): Promise<void> {
    await this.#engine(name).restart();
  }

  /** The runtime's shutdown: every engine, whichever instance of it runs. */
  async stopEngines(): Promise<void> {
    for (const engine of this.#engines.values()) await engine.stop('graceful').catch(() => undefined);
  }

  #engine(name: EngineName): EngineControl<EngineInstance> {
    const engine = this.#engines.get(name);
    if (!engine) throw new Error(`No engine named ${name}`);
    return engine;
  }
}
