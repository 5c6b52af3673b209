import { Stack, Token } from 'aws-cdk-lib';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { TopologyError } from './errors.js';

/** How long a rate-based rule counts an address's requests over; WAF offers these windows. */
export type RateWindowSeconds = 60 | 120 | 300 | 600;

export interface ApiFirewallProps {
  /**
   * Requests one IP address may make within `rateWindowSeconds` before WAF answers it 429 until its
   * rate falls again. Many servers behind one NAT address share it: a server SDK makes about 30
   * requests in 5 minutes (an event batch every 10 s), so the default admits ~200 of them per address.
   * @default 6000
   */
  readonly rateLimit?: number;
  /** @default 300 */
  readonly rateWindowSeconds?: RateWindowSeconds;
}

const metric = (name: string): CfnWebACL.VisibilityConfigProperty => ({
  metricName: name,
  cloudWatchMetricsEnabled: true,
  sampledRequestsEnabled: true,
});

const managedGroup = (
  priority: number,
  name: string,
  overrides: readonly string[] = [],
): CfnWebACL.RuleProperty => ({
  name,
  priority,
  overrideAction: { none: {} },
  statement: {
    managedRuleGroupStatement: {
      vendorName: 'AWS',
      name,
      ...(overrides.length > 0
        ? { ruleActionOverrides: overrides.map((rule) => ({ name: rule, actionToUse: { count: {} } })) }
        : {}),
    },
  },
  visibilityConfig: metric(name),
});

/**
 * An AWS WAF web ACL for CloudFront (scope `CLOUDFRONT`, so its stack must be in us-east-1): a
 * rate-based rule per client IP address that answers API Gateway's own
 * `429 {"message":"Too Many Requests"}`, then AWS's managed IP reputation list, core rule set and
 * known-bad-inputs rule set. The core set's 8 KB body limit only counts, since analytics batches and
 * flag bodies are larger and the API limits sizes itself. WAF cannot be attached to API Gateway HTTP
 * or WebSocket APIs, so this goes on the CloudFront distribution in front of the HTTP API
 * (`ApiDistribution`) and on the dashboard's.
 *
 * @example
 * ```ts
 * const edge = new Stack(app, 'Edge', { env: { account, region: 'us-east-1' } });
 * const firewall = new ApiFirewall(edge, 'Firewall', { rateLimit: 3000 });
 * ```
 */
export class ApiFirewall extends Construct {
  public readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: ApiFirewallProps = {}) {
    super(scope, id);
    const region = Stack.of(this).region;
    if (!Token.isUnresolved(region) && region !== 'us-east-1') {
      throw new TopologyError(
        `A web ACL for CloudFront must be created in us-east-1, not ${region}: put ApiFirewall in a stack of its own there`,
      );
    }
    const rateLimit = props.rateLimit ?? 6000;
    // WAF's own bounds for a rate-based rule's limit.
    if (!(Number.isInteger(rateLimit) && rateLimit >= 10 && rateLimit <= 2_000_000_000)) {
      throw new TopologyError('The firewall rateLimit must be a whole number from 10 to 2,000,000,000');
    }

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      description: 'Switchboard API: requests per client address, AWS managed rule groups',
      defaultAction: { allow: {} },
      visibilityConfig: metric('SwitchboardApi'),
      customResponseBodies: {
        TooManyRequests: { contentType: 'APPLICATION_JSON', content: '{"message":"Too Many Requests"}' },
      },
      rules: [
        {
          name: 'RequestsPerAddress',
          priority: 0,
          action: {
            block: { customResponse: { responseCode: 429, customResponseBodyKey: 'TooManyRequests' } },
          },
          statement: {
            rateBasedStatement: {
              aggregateKeyType: 'IP',
              limit: rateLimit,
              evaluationWindowSec: props.rateWindowSeconds ?? 300,
            },
          },
          visibilityConfig: metric('RequestsPerAddress'),
        },
        managedGroup(1, 'AWSManagedRulesAmazonIpReputationList'),
        managedGroup(2, 'AWSManagedRulesCommonRuleSet', ['SizeRestrictions_BODY']),
        managedGroup(3, 'AWSManagedRulesKnownBadInputsRuleSet'),
      ],
    });
  }

  /** The web ACL's ARN, which a CloudFront distribution takes as its `webAclId`. */
  public get arn(): string {
    return this.webAcl.attrArn;
  }
}
