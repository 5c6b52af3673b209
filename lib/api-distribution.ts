import { Fn, Validations } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface ApiDistributionProps {
  /** The HTTP API to put behind the distribution (its `$default` stage). */
  readonly api: IHttpApi;
  /** ARN of the AWS WAF web ACL (scope `CLOUDFRONT`, in us-east-1) that filters every request. */
  readonly webAclArn: string;
  /** Bucket for the distribution's access logs; it must accept ACL-based log delivery. */
  readonly logBucket: IBucket;
  /**
   * Prefix of the access logs in `logBucket`.
   * @default 'api-cloudfront/'
   */
  readonly logFilePrefix?: string;
}

/**
 * A CloudFront distribution in front of the HTTP API, so that an AWS WAF web ACL can filter its
 * requests (WAF attaches to CloudFront but not to HTTP APIs). Nothing is cached, and every viewer
 * header but `Host` is forwarded (API Gateway routes by its own host name; with caching off the
 * `Authorization` header goes through too), as are query strings and bodies of every method. The
 * API's own URL stays reachable: the per-route throttles apply there as here.
 *
 * @example
 * ```ts
 * const edge = new ApiDistribution(stack, 'ApiEdge', { api: http.api, webAclArn, logBucket });
 * new CfnOutput(stack, 'ProtectedApiUrl', { value: edge.url });
 * ```
 */
export class ApiDistribution extends Construct {
  public readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: ApiDistributionProps) {
    super(scope, id);
    // https://{id}.execute-api.{region}.amazonaws.com/ → the host name alone.
    const apiHost = Fn.select(2, Fn.split('/', props.api.apiEndpoint));
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Switchboard HTTP API behind AWS WAF',
      defaultBehavior: {
        origin: new HttpOrigin(apiHost, { protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY }),
        // SDKs and API clients do not follow a redirect of a POST.
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        cachePolicy: CachePolicy.CACHING_DISABLED,
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        compress: true,
      },
      httpVersion: HttpVersion.HTTP2_AND_3,
      webAclId: props.webAclArn,
      enableLogging: true,
      logBucket: props.logBucket,
      logFilePrefix: props.logFilePrefix ?? 'api-cloudfront/',
    });
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'SDKs and browsers call the API from wherever customers run them; access is controlled by SDK keys, client-side ids and API tokens, not by country.',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason:
          'The distribution uses the default *.cloudfront.net certificate, for which CloudFront fixes the minimum TLS version; a custom domain with its own certificate would allow TLSv1.2_2021.',
      },
    );
  }

  /** The API's base URL through CloudFront (`https://d111111abcdef8.cloudfront.net/`). */
  public get url(): string {
    return `https://${this.distribution.distributionDomainName}/`;
  }
}
