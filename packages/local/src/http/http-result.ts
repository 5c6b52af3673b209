/** An HTTP response as the gateway writes it. */
export interface GatewayResponse {
  readonly statusCode: number;
  /** Header name → values; `set-cookie` and `multiValueHeaders` yield several values. */
  readonly headers: Record<string, string[]>;
  readonly body: Buffer;
}

interface StructuredResult {
  statusCode: number;
  headers?: Record<string, string | number | boolean>;
  multiValueHeaders?: Record<string, (string | number | boolean)[]>;
  cookies?: string[];
  body?: string;
  isBase64Encoded?: boolean;
}

const isStructured = (result: unknown): result is StructuredResult =>
  typeof result === 'object' &&
  result !== null &&
  typeof (result as { statusCode?: unknown }).statusCode === 'number';

/**
 * Maps a handler's result to a response as API Gateway HTTP APIs do for payload v2: a result with a
 * `statusCode` is taken as the response (cookies become `set-cookie` headers, a base64 body is
 * decoded); anything else is a 200 JSON response whose body is the string itself or the JSON of
 * the value.
 */
export function mapHttpResult(result: unknown): GatewayResponse {
  if (!isStructured(result)) {
    const body = result === undefined ? '' : typeof result === 'string' ? result : JSON.stringify(result);
    return { statusCode: 200, headers: { 'content-type': ['application/json'] }, body: Buffer.from(body) };
  }
  const headers: Record<string, string[]> = {};
  const add = (name: string, value: string | number | boolean) => {
    const key = name.toLowerCase();
    headers[key] = [...(headers[key] ?? []), String(value)];
  };
  for (const [name, value] of Object.entries(result.headers ?? {})) add(name, value);
  for (const [name, values] of Object.entries(result.multiValueHeaders ?? {})) {
    for (const value of values) add(name, value);
  }
  for (const cookie of result.cookies ?? []) add('set-cookie', cookie);
  const body = Buffer.from(result.body ?? '', result.isBase64Encoded ? 'base64' : 'utf8');
  return { statusCode: result.statusCode, headers, body };
}

/** API Gateway's own error responses, e.g. `{"message":"Not Found"}`. */
export function gatewayError(statusCode: number, message: string): GatewayResponse {
  return {
    statusCode,
    headers: { 'content-type': ['application/json'] },
    body: Buffer.from(JSON.stringify({ message })),
  };
}

/** A JSON response, as AWS service endpoints answer. */
export function jsonResponse(
  statusCode: number,
  body: unknown,
  headers: Record<string, string[]> = {},
): GatewayResponse {
  return {
    statusCode,
    headers: { 'content-type': ['application/json'], ...headers },
    body: Buffer.from(JSON.stringify(body)),
  };
}

/** An AWS service error: the AWS SDK maps the type in `x-amzn-ErrorType` to its exception class. */
export function awsErrorResponse(
  statusCode: number,
  type: string,
  body: Record<string, unknown>,
): GatewayResponse {
  return jsonResponse(statusCode, body, { 'x-amzn-errortype': [type] });
}
