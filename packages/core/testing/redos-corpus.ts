/**
 * Patterns that take exponential (or high-polynomial) time on a backtracking engine such as
 * `RegExp`, each with inputs built to make it backtrack. On the linear-time engine every evaluation
 * ends in microseconds; on `RegExp` the first of them alone runs for minutes. Tests that use them bound
 * each evaluation at thousands of times the linear engine's time: they check "finishes", not a speed
 * (that is `npm run bench:regex`'s job).
 */
export const catastrophicPatterns: readonly string[] = [
  '^(a+)+$',
  '^(a|aa)+$',
  '^(a|a)*$',
  '(x+x+)+y',
  '^(\\w+\\s?)*$',
  '^([a-zA-Z0-9])(([\\-.]|[_]+)?([a-zA-Z0-9]+))*(@){1}[a-z0-9]+[.]{1}(([a-z]{2,3})|([a-z]{2,3}[.]{1}[a-z]{2,3}))$',
  '^(([a-z])+.)+[A-Z]([a-z])+$',
  '(.*a){12}',
  '^(a?){30}a{30}$',
];

export const adversarialInputs: readonly string[] = [
  `${'a'.repeat(33)}b`,
  `${'x'.repeat(40)}`,
  `${'a '.repeat(30)}!`,
  `${'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'.repeat(20)}!`,
  'a'.repeat(30),
];
