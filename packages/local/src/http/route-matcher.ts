/**
 * API Gateway HTTP API route selection: of the routes whose method (or `ANY`) and path template fit
 * the request, the most specific wins — at the first segment where two templates differ, a literal
 * beats `{param}`, which beats `{proxy+}`. `$default` catches what nothing else does.
 */
export interface RouteTemplate {
  readonly method: string;
  readonly path: string;
}

export interface RouteMatch<R extends RouteTemplate> {
  readonly route: R;
  readonly pathParameters: Record<string, string>;
}

const LITERAL = 3;
const PARAM = 2;
const GREEDY = 1;

interface CompiledRoute<R> {
  readonly route: R;
  readonly segments: readonly { readonly kind: number; readonly text: string }[];
}

function compile<R extends RouteTemplate>(route: R): CompiledRoute<R> {
  const segments = splitPath(route.path).map((text) => {
    if (/^\{[^}]+\+\}$/.test(text)) return { kind: GREEDY, text: text.slice(1, -2) };
    if (/^\{[^}]+\}$/.test(text)) return { kind: PARAM, text: text.slice(1, -1) };
    return { kind: LITERAL, text };
  });
  return { route, segments };
}

const splitPath = (path: string): string[] => path.split('/').slice(1);

function matchSegments(
  compiled: CompiledRoute<RouteTemplate>,
  parts: readonly string[],
): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (const [index, segment] of compiled.segments.entries()) {
    const part = parts[index];
    if (segment.kind === GREEDY) {
      const rest = parts.slice(index);
      if (rest.length === 0 || rest.join('/') === '') return undefined;
      params[segment.text] = decode(rest.join('/'));
      return params;
    }
    if (part === undefined || part === '') return undefined;
    if (segment.kind === LITERAL && segment.text !== part) return undefined;
    if (segment.kind === PARAM) params[segment.text] = decode(part);
  }
  return parts.length === compiled.segments.length ? params : undefined;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function moreSpecific(a: CompiledRoute<RouteTemplate>, b: CompiledRoute<RouteTemplate>): number {
  const length = Math.max(a.segments.length, b.segments.length);
  for (let i = 0; i < length; i++) {
    const kindA = a.segments[i]?.kind ?? 0;
    const kindB = b.segments[i]?.kind ?? 0;
    if (kindA !== kindB) return kindB - kindA;
  }
  // An explicit method beats `ANY` on otherwise equal templates.
  return Number(a.route.method === 'ANY') - Number(b.route.method === 'ANY');
}

/** Builds a matcher over `routes`; `$default` (if declared as a path) is the fallback. */
export function createRouteMatcher<R extends RouteTemplate>(
  routes: readonly R[],
): (method: string, path: string) => RouteMatch<R> | undefined {
  const fallback = routes.find((route) => route.path === '$default');
  const compiled = routes
    .filter((route) => route !== fallback)
    .map(compile)
    .sort(moreSpecific);
  return (method, path) => {
    const parts = splitPath(path);
    for (const candidate of compiled) {
      if (candidate.route.method !== method && candidate.route.method !== 'ANY') continue;
      const pathParameters = matchSegments(candidate, parts);
      if (pathParameters) return { route: candidate.route, pathParameters };
    }
    return fallback ? { route: fallback, pathParameters: {} } : undefined;
  };
}
