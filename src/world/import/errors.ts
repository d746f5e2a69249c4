/**
 * Why an import failed, as one sentence a person can act on. The CLI turns these into
 * `InputError` (exit 1); `kind` lets tests and callers tell the failures apart.
 */
export type ImportErrorKind =
  | 'oversize'
  | 'truncated'
  | 'damaged'
  | 'no-card'
  | 'bad-base64'
  | 'bad-json'
  | 'no-name'
  | 'unknown-format'
  | 'zip-bomb'
  | 'not-a-pack'
  | 'invalid-result';

export class ImportError extends Error {
  constructor(
    readonly kind: ImportErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'ImportError';
  }
}

/** Files (and archive entries) larger than this are refused before they are read or inflated. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

/** `52428800` as `50 MB`, for messages. */
export function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${mb >= 10 ? Math.round(mb) : Math.round(mb * 10) / 10} MB`;
}
