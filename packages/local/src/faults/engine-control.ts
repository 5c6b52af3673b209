/** The engines a fault can stop and start again. */
export type EngineName = 'dynamodb' | 'kinesis';

/** One running engine as the runtime holds it. */
export interface EngineInstance {
  /** Stops it: `kill` without letting it finish anything (DynamoDB Local: SIGKILL). */
  stop(how?: 'graceful' | 'kill'): Promise<void>;
}

/**
 * An engine that can be stopped and started again on the same port with the same data folder, so
 * the handlers' clients (bound to its endpoint) reach it again. `current` is what the runtime's
 * own shutdown stops.
 */
export class EngineControl<E extends EngineInstance> {
  #current: E | undefined;
  #starting: Promise<E> | undefined;

  constructor(
    readonly name: EngineName,
    first: E,
    private readonly start: () => Promise<E>,
  ) {
    this.#current = first;
  }

  /** True while a stop asked through this control is in progress or done (not a crash). */
  intentionallyStopped = false;

  async stop(how: 'graceful' | 'kill' = 'graceful'): Promise<void> {
    await this.#starting?.catch(() => undefined);
    const current = this.#current;
    this.#current = undefined;
    this.intentionallyStopped = true;
    await current?.stop(how);
  }

  /** Starts the engine again (no-op when it runs) with the data it held. */
  async restart(): Promise<void> {
    if (this.#current) return;
    this.#starting ??= this.start();
    try {
      this.#current = await this.#starting;
      this.intentionallyStopped = false;
    } finally {
      this.#starting = undefined;
    }
  }
}
