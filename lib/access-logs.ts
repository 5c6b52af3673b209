import { RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { type IAccessLogSettings, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

/**
 * A log group and JSON access-log settings for an API Gateway v2 stage. `fields` maps log keys to
 * `$context` variables; callers leave out anything that can carry a credential (query strings: the
 * WebSocket handshake sends SDK keys in `?key=`).
 */
export function accessLogs(
  scope: Construct,
  retention: RetentionDays,
  fields: Record<string, string>,
): IAccessLogSettings {
  const logGroup = new LogGroup(scope, 'AccessLogs', { retention, removalPolicy: RemovalPolicy.DESTROY });
  return {
    destination: new LogGroupLogDestination(logGroup),
    format: AccessLogFormat.custom(
      JSON.stringify({
        requestId: '$context.requestId',
        requestTime: '$context.requestTime',
        ip: '$context.identity.sourceIp',
        routeKey: '$context.routeKey',
        status: '$context.status',
        integrationError: '$context.integrationErrorMessage',
        ...fields,
      }),
    ),
  };
}
