// The Zoom scopes the Server-to-Server OAuth app needs: shown on the setup screen, named in errors,
// listed in README.md. Granular names first; apps made before 2024 show the classic one.
export interface ZoomScope {
  granular: string[];
  classic: string;
  why: string;
  optional?: boolean;
}

export const ZOOM_SCOPES: readonly ZoomScope[] = [
  { granular: ['user:read:list_users:admin'], classic: 'user:read:admin', why: "the account's active hosts and their personal rooms" },
  { granular: ['meeting:read:list_meetings:admin', 'meeting:read:meeting:admin'], classic: 'meeting:read:admin', why: 'scheduled, recurring and live meetings, join links' },
  { granular: ['meeting:update:status:admin'], classic: 'meeting:write:admin', why: 'the End button' },
  {
    granular: ['dashboard:read:list_meetings:admin'],
    classic: 'dashboard_meetings:read:admin',
    why: 'every live meeting with its participant count in one call (Business plans and above)',
    optional: true,
  },
];

export const REQUIRED_SCOPE_NAMES = ZOOM_SCOPES.filter((s) => !s.optional).flatMap((s) => s.granular);
