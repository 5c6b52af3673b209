import { DynamoControlStore } from '../../lambdas/adapters/dynamodb/control-store.js';
import type { AuditRecord, Write } from '../../lambdas/services/ports.js';

/** The store, with its next transaction held until `release()`: the service has read and decided, not written. */
export class HeldStore extends DynamoControlStore {
  private hold: { reached: () => void; released: Promise<void> } | undefined;

  /** Holds the next transaction; resolves `atWrite` when it arrives. */
  holdNext(): { atWrite: Promise<void>; release: () => void } {
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const atWrite = new Promise<void>((reached) => {
      this.hold = { reached, released };
    });
    return { atWrite, release };
  }

  override async transact(writes: readonly Write[], audit: readonly AuditRecord[], writtenAt?: number) {
    const hold = this.hold;
    this.hold = undefined;
    if (hold) {
      hold.reached();
      await hold.released;
    }
    return super.transact(writes, audit, writtenAt);
  }
}
