/** Thrown when a session cannot be loaded at all; the file is never touched. Its own module: a listing and the lean reader need it without the schema. */
export class SessionLoadError extends Error {
  override readonly name = 'SessionLoadError';
}
