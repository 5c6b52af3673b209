import {
  ErrorCode,
  type FlagMetadata,
  type ResolutionDetails,
  type ResolutionReason,
  StandardResolutionReasons,
} from '@openfeature/server-sdk';
import type { EvaluationDetail, EvaluationReason } from './evaluation-result.js';

const ERROR_CODES: Readonly<Record<string, ErrorCode>> = {
  FLAG_NOT_FOUND: ErrorCode.FLAG_NOT_FOUND,
  WRONG_TYPE: ErrorCode.TYPE_MISMATCH,
  MALFORMED_FLAG: ErrorCode.PARSE_ERROR,
  USER_NOT_SPECIFIED: ErrorCode.INVALID_CONTEXT,
  CLIENT_NOT_READY: ErrorCode.PROVIDER_NOT_READY,
};

/**
 * The OpenFeature reason for a Switchboard reason. Targets and rules are targeting matches; the
 * fallthrough is the flag's default rule; a flag that is off, or whose prerequisite failed, serves
 * its off variation, which is what `DISABLED` means. A context placed in an experiment by a rollout
 * is `SPLIT`.
 */
export function toResolutionReason(reason: EvaluationReason): ResolutionReason {
  if ('inExperiment' in reason && reason.inExperiment) return StandardResolutionReasons.SPLIT;
  switch (reason.kind) {
    case 'TARGET_MATCH':
    case 'RULE_MATCH':
      return StandardResolutionReasons.TARGETING_MATCH;
    case 'FALLTHROUGH':
      return StandardResolutionReasons.DEFAULT;
    case 'OFF':
    case 'PREREQUISITE_FAILED':
      return StandardResolutionReasons.DISABLED;
    case 'ERROR':
      return StandardResolutionReasons.ERROR;
    default:
      return StandardResolutionReasons.UNKNOWN;
  }
}

/** The OpenFeature error code for a Switchboard `errorKind`; anything unforeseen is `GENERAL`. */
export function toErrorCode(errorKind: string | undefined): ErrorCode {
  return (errorKind !== undefined && ERROR_CODES[errorKind]) || ErrorCode.GENERAL;
}

/** The reason's details, kept as flag metadata so hooks and logs can see which rule matched. */
function toFlagMetadata(reason: EvaluationReason): FlagMetadata {
  const metadata: FlagMetadata = { reasonKind: reason.kind };
  if ('ruleIndex' in reason) metadata.ruleIndex = reason.ruleIndex;
  if ('ruleId' in reason && reason.ruleId !== undefined) metadata.ruleId = reason.ruleId;
  if ('prerequisiteKey' in reason) metadata.prerequisiteKey = reason.prerequisiteKey;
  if ('inExperiment' in reason && reason.inExperiment !== undefined)
    metadata.inExperiment = reason.inExperiment;
  return metadata;
}

/**
 * Translates a Switchboard evaluation into OpenFeature's resolution details; the variant is the
 * variation index as a string.
 *
 * @example
 * ```ts
 * toResolutionDetails({ value: true, variationIndex: 0, reason: { kind: 'FALLTHROUGH' } });
 * // → { value: true, variant: '0', reason: 'DEFAULT', flagMetadata: { reasonKind: 'FALLTHROUGH' } }
 * ```
 */
export function toResolutionDetails<T>(detail: EvaluationDetail<T>): ResolutionDetails<T> {
  const resolution: ResolutionDetails<T> = {
    value: detail.value,
    reason: toResolutionReason(detail.reason),
    flagMetadata: toFlagMetadata(detail.reason),
  };
  if (detail.variationIndex !== null) resolution.variant = String(detail.variationIndex);
  if (detail.reason.kind === 'ERROR') {
    resolution.errorCode = toErrorCode(detail.reason.errorKind);
    resolution.errorMessage = `Switchboard evaluation error: ${detail.reason.errorKind}`;
  }
  return resolution;
}
