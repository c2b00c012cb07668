// The errors the engine's callers (the API, the tray) tell apart.
export { ZoomError, isZoomError } from '../zoom/errors.js';

export class SessionError extends Error {
  constructor(
    readonly code: 'not-found' | 'not-live',
    message: string,
  ) {
    super(message);
    this.name = 'SessionError';
  }
}
