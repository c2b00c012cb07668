// The setup screen's refusals that are not Zoom's: made by main/account, answered by the API.

export class SetupError extends Error {
  override name = 'SetupError';
  constructor(
    readonly code: 'locked' | 'secret-required' | 'cannot-remember' | 'not-saved',
    message: string,
  ) {
    super(message);
  }
}
