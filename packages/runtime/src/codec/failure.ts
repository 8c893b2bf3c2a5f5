/**
 * The codec's internal failure. It is not an `Error` (no stack capture on a hot path); each level
 * of nesting adds its path segment as it propagates, and the public entry points turn it into a
 * `DecodeError` or `EncodeError` with the full path.
 */

import { BuiltinValueError, DecodeError, EncodeError, type CodecErrorCode } from '../errors.js';

export class CodecFailure {
  /** Path segments, innermost first (`.Key`, `[3]`, `.KeyValue`...). */
  readonly segments: string[] = [];

  constructor(
    readonly code: CodecErrorCode,
    readonly detail: string,
    readonly offset?: number,
  ) {}
}

/** Throws a failure; `segment` names the offending child when the failure is about it. */
export function fail(code: CodecErrorCode, detail: string, offset?: number, segment?: string): never {
  const failure = new CodecFailure(code, detail, offset);
  if (segment !== undefined) failure.segments.push(segment);
  throw failure;
}

/** Adds a path segment to a failure passing through; other errors pass unchanged. */
export function withSegment(error: unknown, segment: string): unknown {
  if (error instanceof CodecFailure) error.segments.push(segment);
  return error;
}

/** A builtin's rejection as a codec failure with a prefix saying what was being done. */
export function fromBuiltin(error: unknown, detail: (reason: string) => string, offset?: number): unknown {
  if (error instanceof BuiltinValueError) return new CodecFailure(error.code, detail(error.reason), offset);
  return error;
}

function pathOf(failure: CodecFailure, root: string): string {
  let path = root;
  for (let i = failure.segments.length - 1; i >= 0; i--) path += failure.segments[i];
  return path;
}

export function toDecodeError(
  error: unknown,
  root: string,
  positionOf?: (offset: number) => { line: number; column: number },
): unknown {
  if (!(error instanceof CodecFailure)) return error;
  const position = error.offset !== undefined && positionOf !== undefined ? positionOf(error.offset) : undefined;
  return new DecodeError(error.code, pathOf(error, root), error.detail, error.offset, position);
}

export function toEncodeError(error: unknown, root: string): unknown {
  if (!(error instanceof CodecFailure)) return error;
  return new EncodeError(error.code, pathOf(error, root), error.detail);
}

/** A received lexical form quoted for a decode message, cut to a readable length. */
export function quote(text: string): string {
  return JSON.stringify(text.length > 64 ? `${text.slice(0, 64)}…` : text);
}
