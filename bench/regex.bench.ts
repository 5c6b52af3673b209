/**
 * `matches` on hostile input: the evaluator's linear-time engine (RE2's semantics, `re2js`) against
 * JavaScript's backtracking `RegExp`, side by side in one process. Run with `npm run bench:regex`.
 *
 * 1. Worst case: every catastrophic pattern of the test corpus on adversarial inputs of growing
 *    length. `RegExp` runs only up to the length where it still ends within a second or so; the
 *    linear engine runs every length, up to the 8 KB a context may hold on the server.
 * 2. The usual case: a benign pattern on ordinary values, where the price of linear time is paid.
 */
import { RE2JS } from 're2js';
import { catastrophicPatterns } from '../packages/core/testing/redos-corpus.js';

const LENGTHS = [16, 20, 24, 1024, 8000];
/** `RegExp` doubles its time per character on the worst patterns; past this it would run for hours. */
const NATIVE_MAX_LENGTH = 24;

const adversarial = (length: number) => `${'a'.repeat(length - 1)}!`;

/** Median wall time of `repeat` matches after one warm-up match, in µs. */
function medianMicros(test: (input: string) => boolean, input: string, repeat: number): number {
  test(input);
  const times: number[] = [];
  for (let i = 0; i < repeat; i += 1) {
    const started = performance.now();
    test(input);
    times.push((performance.now() - started) * 1000);
  }
  times.sort((a, b) => a - b);
  return times[repeat >> 1] as number;
}

function hostile(): void {
  console.log('1. one match, median µs after a warm-up (adversarial input "aaa…!")');
  console.log(['pattern', ...LENGTHS.flatMap((n) => [`re2 n=${n}`, `RegExp n=${n}`])].join('\t'));
  for (const source of catastrophicPatterns) {
    const re2 = RE2JS.compile(source);
    const native = new RegExp(source);
    const cells = LENGTHS.flatMap((length) => {
      const input = adversarial(length);
      const linear = medianMicros((s) => re2.test(s), input, 9).toFixed(0);
      const backtracking =
        length <= NATIVE_MAX_LENGTH ? medianMicros((s) => native.test(s), input, 1).toFixed(0) : '—';
      return [linear, backtracking];
    });
    console.log([source.length > 24 ? `${source.slice(0, 21)}…` : source, ...cells].join('\t'));
  }
}

function usual(): void {
  const source = '^(Ann|Bob)[a-z]*$';
  const values = ['Annabel', 'Bobby', 'Zed', 'anna', 'Bob', 'Carol-Ann'];
  const re2 = RE2JS.compile(source);
  const native = new RegExp(source);
  const rounds = 7;
  const calls = 200_000;
  const time = (test: (s: string) => boolean) => {
    const started = process.cpuUsage();
    let hits = 0;
    for (let i = 0; i < calls; i += 1) if (test(values[i % values.length] as string)) hits += 1;
    const used = process.cpuUsage(started);
    return { ns: ((used.user + used.system) * 1000) / calls, hits };
  };
  const ratios: number[] = [];
  let last = { re2: 0, native: 0 };
  for (let round = 0; round < rounds; round += 1) {
    const a = time((s) => re2.test(s));
    const b = time((s) => native.test(s));
    if (a.hits !== b.hits) throw new Error(`engines disagree: ${a.hits} vs ${b.hits} hits`);
    ratios.push(a.ns / b.ns);
    last = { re2: a.ns, native: b.ns };
  }
  ratios.sort((x, y) => x - y);
  console.log(`\n2. benign pattern ${source} on ordinary values (CPU time, median of ${rounds} rounds)`);
  console.log(
    `re2 ${last.re2.toFixed(0)} ns/match, RegExp ${last.native.toFixed(0)} ns/match: re2 costs ${(ratios[rounds >> 1] as number).toFixed(1)}× RegExp`,
  );
}

hostile();
usual();
