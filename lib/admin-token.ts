import { RemovalPolicy, SecretValue, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Trigger } from 'aws-cdk-lib/triggers';
import { Construct } from 'constructs';

/** Environment variable through which the registrar finds the secret. */
export const adminTokenSecretArnVar = 'ADMIN_TOKEN_SECRET_ARN';

export interface AdminTokenProps {
  /**
   * The function that reads the secret and makes sure the token's hash is stored as an admin API
   * token, run at deployment; it gets the secret's ARN in `ADMIN_TOKEN_SECRET_ARN` and may read
   * exactly this secret.
   */
  readonly registrar: LambdaFunction;
  /**
   * What must exist before the registrar runs, besides the secret: the tables it writes.
   * @default none
   */
  readonly registerAfter?: readonly Construct[];
  /**
   * Whether the secret survives the stack. Deleting it loses the only copy of the first admin token.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The first admin API token, `sbt_` followed by 40 random letters and digits, generated at deployment
 * so that it never appears in the template, the cloud assembly or a log. Secrets Manager cannot
 * generate a fixed prefix, so one secret holds the generated random part and the token secret is
 * built from it by CloudFormation through a dynamic reference (`{{resolve:secretsmanager:…}}`),
 * resolved only inside CloudFormation. The operator reads the token with
 * `aws secretsmanager get-secret-value --secret-id <arn> --query SecretString --output text`; the
 * registrar stores only its SHA-256 hash, at deployment (see {@link AdminToken.registration}).
 */
export class AdminToken extends Construct {
  /** The secret holding the whole token (`sbt_…`) as plain text. */
  public readonly secret: Secret;
  /**
   * Runs the registrar synchronously when the stack is created and whenever the registrar's code or
   * configuration changes; an error fails the deployment. A trigger rather than a custom resource
   * with a provider: the registrar then needs no CloudFormation event handling, and CDK's one
   * trigger provider serves the stack.
   */
  public readonly registration: Trigger;

  constructor(scope: Construct, id: string, props: AdminTokenProps) {
    super(scope, id);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;

    const randomPart = new Secret(this, 'RandomPart', {
      description:
        'Switchboard: random part of the first admin API token (the token is in the AdminToken secret)',
      generateSecretString: { passwordLength: 40, excludePunctuation: true, includeSpace: false },
      removalPolicy,
    });
    this.secret = new Secret(this, 'Secret', {
      description:
        'Switchboard: the first admin API token (only its SHA-256 hash is stored in the flags table)',
      // unsafeUnwrap yields the dynamic reference, not the value: CloudFormation resolves it.
      secretStringValue: SecretValue.unsafePlainText(`sbt_${randomPart.secretValue.unsafeUnwrap()}`),
      removalPolicy,
    });
    for (const secret of [randomPart, this.secret]) {
      Validations.of(secret).acknowledge({
        id: 'AwsSolutions-SMG4',
        reason:
          'A bootstrap API token, not a database credential: rotating the secret would not revoke the stored hash. Operators rotate it through the tokens API (create a new admin token, revoke this one).',
      });
    }

    props.registrar.addEnvironment(adminTokenSecretArnVar, this.secret.secretArn);
    // Only GetSecretValue, on only the token secret: `grantRead` would add DescribeSecret too.
    props.registrar.addToRolePolicy(
      new PolicyStatement({
        actions: ['secretsmanager:GetSecretValue'],
        resources: [this.secret.secretArn],
      }),
    );
    this.registration = new Trigger(this, 'Registration', {
      handler: props.registrar,
      executeAfter: [this.secret, ...(props.registerAfter ?? [])],
    });
  }
}
