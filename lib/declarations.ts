import { type Stack, Token } from 'aws-cdk-lib';
import { TopologyError } from './errors.js';

/** `flags` → `Flags`: declared names become the stems of construct ids. */
export const pascalCase = (name: string): string =>
  name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]?.toUpperCase() + part.slice(1))
    .join('');

/** Throws when a declaration list names the same thing twice (`what` says which kind, for the message). */
export function assertUnique(names: readonly string[], what: string): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) throw new TopologyError(`${what} "${name}" is declared more than once`);
    seen.add(name);
  }
}

/**
 * Looks a declared name up among the resources a construct created; `referrer` names the declaration
 * that refers to it, so a typo in the topology reads as such.
 */
export function lookUp<K extends string, V>(
  resources: ReadonlyMap<K, V>,
  name: K,
  what: string,
  referrer: string,
): V {
  const resource = resources.get(name);
  if (resource === undefined) {
    throw new TopologyError(`${referrer} names ${what} "${name}", which is not declared`);
  }
  return resource;
}

/**
 * The stack's region and account as cdk-nag writes them in a finding: the literal values of a stack
 * deployed to a given environment, the pseudo parameters of an environment-agnostic one.
 *
 * @example
 * ```ts
 * const { region, account } = nagEnvironment(Stack.of(this)); // '<AWS::Region>', '<AWS::AccountId>'
 * ```
 */
export function nagEnvironment(stack: Stack): { readonly region: string; readonly account: string } {
  return {
    region: Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region,
    account: Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account,
  };
}
