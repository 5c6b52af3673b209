import { spawnSync } from 'node:child_process';
import { cpSync, existsSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import {
  DefaultStackSynthesizer,
  DockerImage,
  Duration,
  RemovalPolicy,
  Stack,
  Validations,
} from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type CfnBucket,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, type ISource, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { nagEnvironment } from './declarations.js';
import { DashboardBuildError, TopologyError } from './errors.js';

/** How to build the app when its folder holds no build yet. */
export interface DashboardBuild {
  /** The app's sources; their content decides when the build runs again. */
  readonly sourceDir: string;
  /** Program and arguments that write the built app to `appDir`, e.g. `['npm', 'run', 'build']`. */
  readonly command: readonly string[];
  /**
   * Where the command runs.
   * @default sourceDir
   */
  readonly cwd?: string;
}

export interface DashboardHostingProps {
  /** Folder of the built app: `index.html` and what it loads (hashed files under `assets/`). */
  readonly appDir: string;
  /**
   * How to build `appDir` when it has no `index.html`; the build runs while the stack's assets are
   * bundled (`cdk synth`/`deploy` of this stack), not when other stacks are.
   * @default none: a missing build is an error
   */
  readonly build?: DashboardBuild;
  /** Base URL of the HTTP API: the app's `apiUrl` in `config.json`, and allowed in `connect-src`. */
  readonly apiUrl: string;
  /**
   * URL of the WebSocket API: the app's `wsUrl` in `config.json`, and allowed in `connect-src`.
   * @default none: the app has no live connection
   */
  readonly webSocketUrl?: string;
  /**
   * How long the bucket's and the distribution's access logs are kept.
   * @default RetentionDays.ONE_MONTH
   */
  readonly logRetention?: RetentionDays;
  /**
   * ARN of an AWS WAF web ACL (scope `CLOUDFRONT`, created in us-east-1) to put in front of the app.
   * @default none: the app is static files and every API call is authorised by the API itself
   */
  readonly webAclId?: string;
}

const RULE = 'AwsSolutions';
const BOOTSTRAP_QUALIFIER_CONTEXT = '@aws-cdk/core:bootstrapQualifier';

/** Hashed build output: a changed file gets a new name, so browsers may keep these for good. */
const hashedAssets = 'assets/*';

/**
 * The content security policy: scripts, styles, fonts and images only from the app's origin, network
 * calls only to it (`config.json`), the HTTP API and the WebSocket API, nothing framed or framing.
 * Inline styles are allowed because the dialog primitives insert `<style>` elements to lock scrolling;
 * styles cannot run code, and scripts stay limited to the app's own files.
 *
 * @example
 * ```ts
 * contentSecurityPolicy([http.url, webSocket.url]); // "default-src 'none'; … connect-src 'self' https://… wss://…; …"
 * ```
 */
export function contentSecurityPolicy(connect: readonly string[]): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "manifest-src 'self'",
    `connect-src ${["'self'", ...connect].join(' ')}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
    'upgrade-insecure-requests',
  ].join('; ');
}

/**
 * The dashboard on AWS: the built app in a private, encrypted, SSL-only S3 bucket, served by
 * CloudFront through origin access control, over HTTPS only, with security headers and a content
 * security policy; client-side routes load `index.html`. The deployment writes `config.json` with the
 * API's and WebSocket API's real URLs (resolved at deploy time). Access logs of the bucket and the
 * distribution go to a logs bucket.
 *
 * @example
 * ```ts
 * const dashboard = new DashboardHosting(stack, 'Dashboard', {
 *   appDir: 'packages/dashboard/dist',
 *   apiUrl: http.url,
 *   webSocketUrl: webSocket.url,
 * });
 * http.allowDashboardOrigins(dashboard.origin);
 * ```
 */
export class DashboardHosting extends Construct {
  /** The bucket holding the app; readable only by the distribution. */
  public readonly bucket: Bucket;
  /** Access logs of the bucket (`s3/`) and of the distribution (`cloudfront/`). */
  public readonly logsBucket: Bucket;
  public readonly distribution: Distribution;
  public readonly responseHeadersPolicy: ResponseHeadersPolicy;
  /** Uploads the hashed assets, kept across deployments so open pages still load theirs. */
  public readonly assetsDeployment: BucketDeployment;
  /** Uploads `index.html`, `config.json` and the other unhashed files, then invalidates the cache. */
  public readonly siteDeployment: BucketDeployment;

  constructor(scope: Construct, id: string, props: DashboardHostingProps) {
    super(scope, id);
    const app = appSource(props);
    const retention = props.logRetention ?? RetentionDays.ONE_MONTH;

    this.logsBucket = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront's standard logs are delivered with an ACL.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: retention === RetentionDays.INFINITE ? [] : [{ expiration: Duration.days(retention) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.bucket = new Bucket(this, 'App', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: this.logsBucket,
      serverAccessLogsPrefix: 's3/',
      // Its content is the build, which every deployment uploads again.
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });

    const connect = [props.apiUrl, ...(props.webSocketUrl ? [props.webSocketUrl] : [])];
    this.responseHeadersPolicy = new ResponseHeadersPolicy(this, 'Headers', {
      comment: 'Switchboard dashboard: security headers and content security policy',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: contentSecurityPolicy(connect), override: true },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        // Dashboard URLs name projects, environments and flags; no other site needs to learn them.
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
        // The legacy XSS auditor is itself exploitable; the CSP is the protection.
        xssProtection: { protection: false, override: true },
      },
      customHeadersBehavior: {
        customHeaders: [
          { header: 'Cross-Origin-Opener-Policy', value: 'same-origin', override: true },
          {
            header: 'Permissions-Policy',
            value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
            override: true,
          },
        ],
      },
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Switchboard dashboard',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.responseHeadersPolicy,
        compress: true,
      },
      defaultRootObject: 'index.html',
      // Client-side routes (/projects/shop/flags/checkout) are no objects: the bucket answers 403 to
      // the distribution, which may not list it, and the app's index.html takes over.
      errorResponses: [403, 404].map((httpStatus) => ({
        httpStatus,
        responseHttpStatus: 200,
        responsePagePath: '/index.html',
        ttl: Duration.seconds(0),
      })),
      httpVersion: HttpVersion.HTTP2_AND_3,
      enableLogging: true,
      logBucket: this.logsBucket,
      logFilePrefix: 'cloudfront/',
      ...(props.webAclId ? { webAclId: props.webAclId } : {}),
    });
    this.acknowledgeDistributionFindings(props);

    // Both deployments run on one handler function (a singleton of aws-cdk-lib); its logs go here.
    const logGroup = new LogGroup(this, 'DeploymentLogs', {
      retention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.assetsDeployment = new BucketDeployment(this, 'DeployAssets', {
      sources: [app],
      destinationBucket: this.bucket,
      exclude: ['*'],
      include: [hashedAssets],
      prune: false,
      cacheControl: [CacheControl.fromString('public, max-age=31536000, immutable')],
      logGroup,
    });
    this.siteDeployment = new BucketDeployment(this, 'DeploySite', {
      sources: [
        app,
        Source.jsonData('config.json', {
          apiUrl: props.apiUrl,
          ...(props.webSocketUrl ? { wsUrl: props.webSocketUrl } : {}),
        }),
      ],
      destinationBucket: this.bucket,
      exclude: [hashedAssets],
      cacheControl: [CacheControl.noCache()],
      distribution: this.distribution,
      distributionPaths: ['/*'],
      logGroup,
    });
    // A new index.html must not go live before the assets it loads.
    this.siteDeployment.node.addDependency(this.assetsDeployment);
    this.acknowledgeDeploymentFindings();
  }

  /** The dashboard's origin (`https://d111111abcdef8.cloudfront.net`), for the API's CORS. */
  public get origin(): string {
    return `https://${this.distribution.distributionDomainName}`;
  }

  /** The dashboard's URL. */
  public get url(): string {
    return `${this.origin}/`;
  }

  private acknowledgeDistributionFindings(props: DashboardHostingProps): void {
    const findings = [
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'The dashboard is for a team wherever its members are; access is controlled by API tokens, not by country.',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason:
          'The distribution uses the default *.cloudfront.net certificate, for which CloudFront fixes the minimum TLS version; a custom domain with its own certificate would allow TLSv1.2_2021.',
      },
    ];
    if (!props.webAclId) {
      findings.push({
        id: 'AwsSolutions-CFR2',
        reason:
          'The distribution serves static files only; every API call is authorised by the API. A WAF web ACL can be passed as webAclId.',
      });
    }
    Validations.of(this.distribution).acknowledge(...findings);
  }

  /** The deployment handler is a CDK-provided singleton at the stack's root, outside this construct. */
  private acknowledgeDeploymentFindings(): void {
    const stack = Stack.of(this);
    const qualifier =
      (stack.node.tryGetContext(BOOTSTRAP_QUALIFIER_CONTEXT) as string | undefined) ??
      DefaultStackSynthesizer.DEFAULT_QUALIFIER;
    const appBucket = stack.getLogicalId(this.bucket.node.defaultChild as CfnBucket);
    const policy = `${RULE}-IAM5`;
    const { region, account } = nagEnvironment(stack);
    const acknowledgments = [
      {
        id: `${RULE}-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]`,
        reason:
          'The BucketDeployment handler (part of aws-cdk-lib) uses AWSLambdaBasicExecutionRole, which only lets it write its own logs.',
      },
      ...['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'].map((action) => ({
        id: `${policy}[Action::${action}]`,
        reason: `${action} comes from aws-cdk-lib's read/write grants to the BucketDeployment handler, on the CDK assets bucket (read) and the dashboard bucket (read and write) only: copying the build and pruning stale files.`,
      })),
      {
        id: `${policy}[Resource::arn:<AWS::Partition>:s3:::cdk-${qualifier}-assets-${account}-${region}/*]`,
        reason:
          'The BucketDeployment handler reads the staged build from the CDK assets bucket; asset object names are content hashes.',
      },
      {
        id: `${policy}[Resource::<${appBucket}.Arn>/*]`,
        reason:
          'The BucketDeployment handler writes and deletes the objects of the dashboard bucket, which holds nothing but the build.',
      },
      {
        id: `${policy}[Resource::*]`,
        reason:
          'cloudfront:CreateInvalidation and GetInvalidation, so a deployment invalidates the cached index.html and config.json; aws-cdk-lib grants them on all distributions.',
      },
      {
        id: `${RULE}-L1`,
        reason:
          'The BucketDeployment handler runs on the Python runtime that aws-cdk-lib builds it for; updating aws-cdk-lib updates it.',
      },
    ];
    for (const child of stack.node.children) {
      if (child.node.id.startsWith('Custom::CDKBucketDeployment')) {
        Validations.of(child).acknowledge(...acknowledgments);
      }
    }
  }
}

/** The built app as an asset: the folder as it is, or, when it holds no build, built from `build`. */
function appSource(props: DashboardHostingProps): ISource {
  if (existsSync(join(props.appDir, 'index.html'))) return Source.asset(props.appDir);
  const build = props.build;
  if (!build) {
    throw new TopologyError(
      `The dashboard is not built: ${props.appDir} has no index.html. Build it (npm run build -w @switchboard/dashboard) or point appDir at a built copy.`,
    );
  }
  if (!existsSync(build.sourceDir)) {
    throw new TopologyError(
      `The dashboard is not built (${props.appDir} has no index.html) and its sources are not at ${build.sourceDir}. Build it where they are and pass the built folder as appDir (with cdk: -c dashboardDir=<folder>).`,
    );
  }
  const output = relative(build.sourceDir, props.appDir);
  const insideSources = output !== '' && !output.startsWith('..') && !isAbsolute(output);
  return Source.asset(build.sourceDir, {
    exclude: ['node_modules', ...(insideSources ? [output] : [])],
    bundling: {
      // Never pulled: local bundling either builds the app or throws.
      image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:22'),
      local: {
        tryBundle(outputDir) {
          buildDashboard(build, props.appDir);
          cpSync(props.appDir, outputDir, { recursive: true });
          return true;
        },
      },
    },
  });
}

/**
 * Runs the build command, its output on stderr (a synth's stdout can be the template), and checks
 * that it produced `index.html` in `appDir`.
 *
 * @example
 * ```ts
 * buildDashboard({ sourceDir: 'packages/dashboard', command: ['npm', 'run', 'build'] }, 'packages/dashboard/dist');
 * ```
 */
export function buildDashboard(build: DashboardBuild, appDir: string): void {
  const [program, ...args] = build.command;
  if (!program) throw new DashboardBuildError('The dashboard build command is empty');
  const run = spawnSync(program, args, {
    cwd: build.cwd ?? build.sourceDir,
    stdio: ['ignore', process.stderr, process.stderr],
  });
  if (run.error || run.status !== 0) {
    throw new DashboardBuildError(
      `Building the dashboard with \`${build.command.join(' ')}\` failed (${run.error?.message ?? `exit ${run.status}`}); run it yourself to see why.`,
      { cause: run.error },
    );
  }
  if (!existsSync(join(appDir, 'index.html'))) {
    throw new DashboardBuildError(
      `\`${build.command.join(' ')}\` succeeded but wrote no index.html to ${appDir}.`,
    );
  }
}
