import { contextIssue } from '@switchboard/core';
import { answerDigest, valuesMessage } from '../domain/client-delivery.js';
import { errorReply, type IdentifyMessage, type ReplyMessage } from '../domain/ws-protocol.js';
import type { ConnectionStore } from './delivery-ports.js';
import type { EvaluationService } from './evaluation-service.js';
import type { Clock } from './ports.js';
import type { SecureModeService } from './secure-mode-service.js';

/**
 * A browser's `identify` on `$default`: checks the context (and, in secure mode, its hash), stores it
 * with the connection, and answers `values` with every client-side flag evaluated for it. Nothing of
 * the context is logged or echoed in errors.
 *
 * The context is stored before the environment is read, and the read is one started after the
 * store: a change is then either in the answer, or written after the store, when the fan-out finds
 * the context and pushes it.
 *
 * @example
 * await service.identify('AbC=', { action: 'identify', id: 1, context: { kind: 'user', key: 'ada' } });
 * // → '{"type":"values","id":1,"stateAt":1765000000000,"values":{…}}', or { type: 'error', id: 1, code: 'invalid_hash', … }
 */
export class IdentifyService {
  constructor(
    private readonly connections: Pick<ConnectionStore, 'find' | 'identify' | 'answered'>,
    private readonly evaluation: EvaluationService,
    private readonly secureMode: SecureModeService,
    private readonly clock: Clock,
  ) {}

  /** The route response: a `values` message as JSON text, or an error reply. */
  async identify(connectionId: string, message: IdentifyMessage): Promise<string | ReplyMessage> {
    const { id } = message;
    const connection = await this.connections.find(connectionId);
    if (!connection) return errorReply('invalid_message', 'This connection is not registered; reconnect', id);
    if (connection.sdk !== 'client') {
      return errorReply(
        'unsupported_action',
        '"identify" is for client-side connections (?clientSideId=); server SDKs evaluate locally',
        id,
      );
    }
    // Checked by hand, not by core's schema: this function loads no schema library.
    const issue = contextIssue(message.context);
    if (issue) {
      const field = issue.field ? `context.${issue.field}` : 'context';
      return errorReply('invalid_context', `${field}: ${issue.message}`, id);
    }
    const verdict = await this.secureMode.check(connection, message.context, message.hash);
    if (verdict === 'hash_required') {
      return errorReply('secure_mode_hash_required', 'This environment is in secure mode: send "hash"', id);
    }
    if (verdict === 'invalid_hash') {
      return errorReply('invalid_hash', '"hash" does not match this context for any of the SDK keys', id);
    }
    const at = this.clock.now().getTime();
    const target = { ...connection, connectionId };
    const stored = await this.connections.identify(target, {
      context: JSON.stringify(message.context),
      id,
      at,
    });
    if (stored === 'gone') {
      return errorReply('invalid_message', 'This connection is not registered; reconnect', id);
    }
    // A 'superseded' identify is still answered: the client ignores answers to ids it moved past.
    const { values, stateAt } = await this.evaluation.evaluateClientSide(connection, message.context, at);
    // What the client now holds, for a fan-out whose batch this answer may already include.
    if (stored === 'stored') await this.connections.answered(target, id, answerDigest(values));
    return valuesMessage(id, values, stateAt);
  }
}
