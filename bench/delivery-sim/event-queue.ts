/**
 * The simulator's clock: events in time order, and in scheduling order among equal times (so a run
 * is a function of its inputs and seed alone). A binary min-heap on (time, sequence).
 *
 * @example
 * const queue = new EventQueue();
 * queue.schedule(5, () => console.log('second'));
 * queue.schedule(1, () => console.log('first'));
 * queue.run(); // first, second; queue.now === 5
 */
export class EventQueue {
  private readonly heap: { at: number; seq: number; run: () => void }[] = [];
  private seq = 0;
  /** The time of the event being run (ms); 0 before the first. */
  now = 0;

  get size(): number {
    return this.heap.length;
  }

  /** Runs `run` at `at`; an event scheduled in the past runs at the current time. */
  schedule(at: number, run: () => void): void {
    const event = { at: Math.max(at, this.now), seq: this.seq++, run };
    const heap = this.heap;
    heap.push(event);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(event, heap[parent] as typeof event)) break;
      heap[i] = heap[parent] as typeof event;
      i = parent;
    }
    heap[i] = event;
  }

  /** Runs events in order until none is left (events may schedule more). */
  run(): void {
    for (let event = this.pop(); event; event = this.pop()) {
      this.now = event.at;
      event.run();
    }
  }

  private before(a: { at: number; seq: number }, b: { at: number; seq: number }): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private pop(): { at: number; seq: number; run: () => void } | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child =
        right < heap.length && this.before(heap[right] as typeof last, heap[left] as typeof last)
          ? right
          : left;
      if (!this.before(heap[child] as typeof last, last)) break;
      heap[i] = heap[child] as typeof last;
      i = child;
    }
    heap[i] = last;
    return top;
  }
}
