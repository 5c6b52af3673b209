import { describe, expect, it } from 'vitest';
import { EventQueue } from './event-queue.js';

describe('EventQueue', () => {
  it('runs events in time order, and in scheduling order at equal times', () => {
    const queue = new EventQueue();
    const ran: string[] = [];
    for (const [at, name] of [
      [5, 'e'],
      [1, 'a'],
      [3, 'c1'],
      [3, 'c2'],
      [2, 'b'],
      [3, 'c3'],
    ] as const) {
      queue.schedule(at, () => ran.push(`${name}@${queue.now}`));
    }
    queue.run();
    expect(ran).toEqual(['a@1', 'b@2', 'c1@3', 'c2@3', 'c3@3', 'e@5']);
  });

  it('runs events that events schedule, never before the current time', () => {
    const queue = new EventQueue();
    const ran: number[] = [];
    queue.schedule(10, () => {
      queue.schedule(4, () => ran.push(queue.now));
      queue.schedule(12, () => ran.push(queue.now));
    });
    queue.run();
    expect(ran).toEqual([10, 12]);
    expect(queue.size).toBe(0);
  });

  it('orders a thousand random times like a sort does', () => {
    const queue = new EventQueue();
    const times = Array.from({ length: 1000 }, (_, i) => (i * 7919) % 1009);
    const ran: number[] = [];
    for (const at of times) queue.schedule(at, () => ran.push(queue.now));
    queue.run();
    expect(ran).toEqual([...times].sort((a, b) => a - b));
  });
});
