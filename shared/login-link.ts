// The one-time login link's words shared by the server and the login page (no schema library: the
// renderer bundle stays small).

/** Where a one-time login link that was already used, or has expired, lands: the login page says so. */
export const LOGIN_LINK_SPENT = '#login-link-spent';
