import { streams as declaredStreams, type StreamDeclaration, type StreamName } from '@switchboard/topology';
import { Stream, StreamEncryption, StreamMode } from 'aws-cdk-lib/aws-kinesis';
import { Construct } from 'constructs';
import { assertUnique, lookUp, pascalCase } from './declarations.js';

export interface DataStreamsProps {
  /**
   * The Kinesis data streams to create.
   * @default every stream of the topology (`@switchboard/topology`)
   */
  readonly streams?: readonly StreamDeclaration[];
}

/**
 * One Kinesis data stream per declaration, on-demand (the declared shard count is only for the local
 * emulator) and encrypted with the AWS-managed key. Creates nothing when no stream is declared.
 */
export class DataStreams extends Construct {
  /** The declarations the streams were built from. */
  public readonly declarations: readonly StreamDeclaration[];
  /** The created streams by logical name. */
  public readonly streams: ReadonlyMap<StreamName, Stream>;

  constructor(scope: Construct, id: string, props: DataStreamsProps = {}) {
    super(scope, id);
    this.declarations = props.streams ?? declaredStreams;

    assertUnique(
      this.declarations.map((s) => s.name),
      'Stream',
    );
    assertUnique(
      this.declarations.map((s) => s.envVar),
      'Stream environment variable',
    );

    this.streams = new Map(
      this.declarations.map((declaration) => [
        declaration.name,
        new Stream(this, `${pascalCase(declaration.name)}Stream`, {
          streamMode: StreamMode.ON_DEMAND,
          encryption: StreamEncryption.MANAGED,
        }),
      ]),
    );
  }

  /** The stream declared as `name`; throws if there is none. */
  public stream(name: StreamName): Stream {
    return lookUp(this.streams, name, 'stream', this.node.path);
  }
}
