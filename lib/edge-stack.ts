import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { ApiFirewall, type ApiFirewallProps } from './api-firewall.js';

export interface SwitchboardEdgeStackProps extends StackProps {
  /** The web ACL's settings. @default ApiFirewall's defaults */
  readonly firewall?: ApiFirewallProps;
}

/**
 * The parts of Switchboard that CloudFront requires in us-east-1: the WAF web ACL for the API's and
 * the dashboard's distributions. Deploy it to us-east-1 whatever the main stack's region; the main
 * stack takes the ACL's ARN (`SwitchboardStackProps.firewall`), by a cross-region reference or as
 * the `WebAclArn` output pasted into its configuration.
 *
 * @example
 * ```ts
 * const edge = new SwitchboardEdgeStack(app, 'SwitchboardEdge', { env: { account, region: 'us-east-1' } });
 * new SwitchboardStack(app, 'Switchboard', { env, crossRegionReferences: true, firewall: { webAclArn: edge.firewall.arn } });
 * ```
 */
export class SwitchboardEdgeStack extends Stack {
  public readonly firewall: ApiFirewall;

  constructor(scope: Construct, id: string, props: SwitchboardEdgeStackProps = {}) {
    super(scope, id, props);
    this.firewall = new ApiFirewall(this, 'Firewall', props.firewall);
    new CfnOutput(this, 'WebAclArn', {
      value: this.firewall.arn,
      description: 'The WAF web ACL for the Switchboard stack (context wafWebAclArn)',
    });
  }
}
