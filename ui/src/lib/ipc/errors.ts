// Every failure from the back end arrives as AppError {kind, message, detail?}; anything else is
// wrapped as an internal error so the UI has one shape to show.
import type { AppError, ErrorKind } from './bindings';

const KINDS: readonly ErrorKind[] = ['invalid-input', 'not-found', 'conflict', 'incompatible-workspace', 'cancelled', 'internal'];

/** Normalises whatever `invoke` rejected with into an AppError. */
export function toAppError(error: unknown): AppError {
  if (typeof error === 'object' && error !== null) {
    const candidate = error as Partial<AppError>;
    if (typeof candidate.message === 'string' && KINDS.includes(candidate.kind as ErrorKind)) {
      return { kind: candidate.kind as ErrorKind, message: candidate.message, detail: candidate.detail };
    }
  }
  return { kind: 'internal', message: error instanceof Error ? error.message : String(error) };
}
