// The HTTP contract: one schema per shape, used by the server for validation and serialisation, by the
// OpenAPI document, and (through Static) as the TypeScript types both sides use. TypeBox is pure
// TypeScript, so this file stays free of Node and DOM.
import { Type, type Static } from 'typebox';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const IsoTime = Type.String({ description: 'ISO 8601 time' });

export const MEETING_ID_PATTERN = '^[0-9]{1,20}$';

export const AttentionSchema = Type.Object(
  {
    kind: Type.Union([Type.Literal('empty'), Type.Literal('alone'), Type.Literal('overrun')], {
      description: 'empty: nobody in it; alone: one person; overrun: live past its booked end',
    }),
    since: Type.String({ description: 'ISO 8601 time the condition began' }),
    text: Type.String({ description: 'The reason in words' }),
  },
  { additionalProperties: false },
);

export const SessionSchema = Type.Object(
  {
    meetingId: Type.String({ pattern: MEETING_ID_PATTERN, description: "Zoom's numeric meeting id" }),
    uuid: Nullable(Type.String({ description: 'The current or last instance' })),
    topic: Type.String(),
    hostId: Nullable(Type.String()),
    hostName: Nullable(Type.String()),
    hostEmail: Nullable(Type.String()),
    status: Type.Union([Type.Literal('live'), Type.Literal('available')]),
    participants: Nullable(Type.Integer({ minimum: 0, description: 'null: live, count not known yet' })),
    liveSince: Nullable(IsoTime),
    lastLiveAt: Nullable(IsoTime),
    joinUrl: Nullable(Type.String({ description: "As Zoom gives it, with its encrypted pwd" })),
    passcode: Nullable(Type.String({ description: 'What participants type to join; null when none or not known' })),
    source: Type.Union([Type.Literal('scheduled'), Type.Literal('recurring'), Type.Literal('personal'), Type.Literal('live-seen')]),
    nextStartAt: Nullable(IsoTime),
    nextEndAt: Nullable(Type.String({ description: 'ISO 8601 time: the end of the booking that starts at nextStartAt' })),
    participantsSince: Nullable(Type.String({ description: 'ISO 8601 time: live, when the count became what it is; null when not known' })),
    bookedUntil: Nullable(Type.String({ description: 'ISO 8601 time: live, the booked end of the meeting this instance began as; null when unbooked' })),
    bookings: Nullable(
      Type.Array(Type.Object({ startAt: IsoTime, endAt: Nullable(IsoTime) }, { additionalProperties: false }), {
        maxItems: 5,
        description: "A recurring meeting's next occurrences, from its details; null when not read or not recurring",
      }),
    ),
    freeUntil: Nullable(Type.String({ description: 'ISO 8601 time: available, the next booked start; null when nothing is booked' })),
    attention: Nullable(AttentionSchema),
    kept: Type.Boolean({ description: 'Live: a person chose Keep running for this instance: no attention, never ended by the policy' }),
    autoEndAt: Nullable(Type.String({ description: 'ISO 8601 time: the auto-end policy will end it then unless someone joins or Keep running is pressed' })),
    firstSeenAt: IsoTime,
    updatedAt: IsoTime,
  },
  { additionalProperties: false },
);

export const SyncErrorSchema = Type.Object(
  {
    message: Type.String(),
    httpStatus: Nullable(Type.Integer()),
    zoomCode: Nullable(Type.Integer()),
    at: IsoTime,
  },
  { additionalProperties: false },
);

export const RateLimitStateSchema = Type.Object(
  {
    category: Type.String(),
    type: Nullable(Type.String()),
    limit: Nullable(Type.Integer()),
    remaining: Nullable(Type.Integer()),
    retryAt: Nullable(IsoTime),
  },
  { additionalProperties: false },
);

export const SyncStatusSchema = Type.Object(
  {
    configured: Type.Boolean({ description: 'Zoom credentials are set up; false: the dashboard shows setup' }),
    ready: Type.Boolean({ description: 'A live check has succeeded since start' }),
    strategy: Type.Union([Type.Literal('dashboard'), Type.Literal('per-host')]),
    liveIntervalMs: Type.Integer(),
    lastLiveSyncAt: Nullable(IsoTime),
    lastCatalogSyncAt: Nullable(IsoTime),
    lastError: Nullable(SyncErrorSchema),
    nextLiveSyncAt: Nullable(IsoTime),
    rateLimits: Type.Array(RateLimitStateSchema),
    liveVia: Type.Union([Type.Literal('events'), Type.Literal('polling')], {
      description: 'events: Zoom pushes changes and the live list is only a drift check; polling: every liveIntervalMs',
    }),
    eventSource: Nullable(Type.Union([Type.Literal('websocket'), Type.Literal('webhook')], { description: 'Configured event source' })),
    lastEventAt: Nullable(IsoTime),
    notes: Type.Array(Type.String(), {
      description: "What limits the view now, in words: a refused event subscription, Zoom's daily limit, instant meetings unseen without events",
    }),
    team: Nullable(Type.Union([Type.Literal('leader'), Type.Literal('follower')], { description: 'Team mode (MongoDB): whether this instance polls Zoom' })),
    database: Nullable(
      Type.Object(
        {
          unreachableSince: IsoTime,
          pending: Type.Integer({ minimum: 0, description: 'Changes kept in memory, written when it is back' }),
          message: Type.String(),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const SessionListSchema = Type.Object({
  sessions: Type.Array(SessionSchema),
  status: SyncStatusSchema,
});

export const SessionEnvelopeSchema = Type.Object({ session: SessionSchema });
export const StatusEnvelopeSchema = Type.Object({ status: SyncStatusSchema });

export const ErrorBodySchema = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String({ description: 'For a person: what happened and what to do' }),
      zoomCode: Type.Optional(Type.Integer()),
      retryAt: Type.Optional(IsoTime),
    }),
  },
);

export const MeetingIdParamsSchema = Type.Object({
  meetingId: Type.String({ pattern: MEETING_ID_PATTERN, description: 'Digits only' }),
});

export const SessionsQuerySchema = Type.Object({
  status: Type.Optional(Type.Union([Type.Literal('live'), Type.Literal('available')])),
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Matches topic, host name or email, and meeting id' })),
});

export const EventsQuerySchema = Type.Object({
  after: Type.Optional(
    Type.String({ maxLength: 40, pattern: '^[0-9a-f]+\\.[0-9]+$', description: 'The X-Event-Id of a list answer: only what changed since (a snapshot if that is no longer known)' }),
  ),
});

export const ParticipantsSchema = Type.Object(
  {
    participants: Type.Array(
      Type.Object(
        { name: Type.String(), joinedAt: IsoTime, userId: Type.Optional(Type.String({ description: "Zoom's user_id; a per-join number for guests" })) },
        { additionalProperties: false },
      ),
    ),
    source: Nullable(Type.Union([Type.Literal('events'), Type.Literal('dashboard')], { description: "Who told us: Zoom's join and leave events, or its Dashboard (read on demand); null when nothing can" })),
    asOf: IsoTime,
    unnamed: Type.Integer({ minimum: 0, description: 'People in it whose names we do not have (they joined before we watched)' }),
    note: Nullable(Type.String({ description: 'Why names are missing, in words' })),
  },
  { additionalProperties: false },
);
export type Participants = Static<typeof ParticipantsSchema>;

/** One End, as it happened: asked by whom, and what Zoom answered. */
export const AuditEntrySchema = Type.Object(
  {
    at: IsoTime,
    meetingId: Type.String(),
    topic: Type.String(),
    by: Type.String({
      maxLength: 120,
      description: "Who asked: 'dashboard', 'tray', 'token' or 'token:<label>' (an API token), 'policy:empty|alone|overrun' (auto-end)",
    }),
    outcome: Type.Union([Type.Literal('ended'), Type.Literal('gone'), Type.Literal('failed')], {
      description: 'ended: Zoom ended it; gone: Zoom no longer has the meeting (3001); failed: Zoom refused or did not answer',
    }),
    zoomCode: Nullable(Type.Integer()),
    message: Nullable(Type.String({ description: "Zoom's answer in words when it was not an End" })),
  },
  { additionalProperties: false },
);
export type AuditEntry = Static<typeof AuditEntrySchema>;

export const AuditQuerySchema = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  before: Type.Optional(Type.String({ format: 'date-time', description: 'Only entries older than this (the last page\'s `next`)' })),
});
export type AuditQuery = Static<typeof AuditQuerySchema>;

export const AuditPageSchema = Type.Object({
  entries: Type.Array(AuditEntrySchema, { description: 'Newest first; kept 90 days' }),
  next: Nullable(Type.String({ description: 'Pass as `before` for older entries; null at the end' })),
});
export type AuditPage = Static<typeof AuditPageSchema>;

/** One instance of a meeting, as the app saw it live: the usage history. */
export const UsageInstanceSchema = Type.Object(
  {
    uuid: Nullable(Type.String({ description: "Zoom's instance id; null when Zoom's lists did not give one" })),
    meetingId: Type.String(),
    topic: Type.String(),
    hostName: Nullable(Type.String()),
    startedAt: IsoTime,
    endedAt: Nullable(Type.String({ description: 'ISO 8601 time; null while live' })),
    peakParticipants: Nullable(Type.Integer({ minimum: 0, description: 'The most in it at once; null when no count was known (as for rows from Zoom\'s past-meeting summary)' })),
    tookPart: Type.Optional(Nullable(Type.Integer({ minimum: 0, description: "Everyone who took part, from Zoom's past-meeting summary (not the most at once); absent for instances the app saw live" }))),
    participantMinutes: Nullable(Type.Number({ minimum: 0, description: 'Sum over time of the known count; null when no count was known' })),
    endedBy: Nullable(Type.String({ description: "Who ended it through the app (as in the End audit); null otherwise" })),
  },
  { additionalProperties: false },
);
export type UsageInstance = Static<typeof UsageInstanceSchema>;

export const UsageQuerySchema = Type.Object({
  from: Type.String({ format: 'date-time', description: 'Start of the window (ISO 8601)' }),
  to: Type.String({ format: 'date-time', description: 'End of the window (ISO 8601)' }),
  groupBy: Type.Optional(Type.Union([Type.Literal('room'), Type.Literal('host'), Type.Literal('day'), Type.Literal('hour')], { default: 'room' })),
  tz: Type.Optional(Type.String({ maxLength: 64, description: "IANA time zone for days and hours (the viewer's); UTC when absent" })),
});
export type UsageQuery = Static<typeof UsageQuerySchema>;

const UsageGroupSchema = Type.Object(
  {
    key: Type.String({ description: 'room: meeting ID; host: host name; day: YYYY-MM-DD; hour: YYYY-MM-DDTHH (local)' }),
    label: Type.String(),
    meetings: Type.Integer({ minimum: 0, description: 'Instances that overlap the group' }),
    hoursLive: Type.Number({ minimum: 0 }),
    peakParticipants: Nullable(Type.Integer({ minimum: 0, description: 'The most in one instance at once, of the instances the app saw live' })),
    tookPart: Nullable(Type.Integer({ minimum: 0, description: "The most people who took part in one instance, of those known only from Zoom's past-meeting summary" })),
    peakConcurrent: Type.Integer({ minimum: 0, description: 'Most meetings live at once within the group' }),
  },
  { additionalProperties: false },
);

export const UsageReportSchema = Type.Object(
  {
    from: IsoTime,
    to: IsoTime,
    tz: Type.String(),
    groupBy: Type.String(),
    totals: Type.Object({ meetings: Type.Integer(), hoursLive: Type.Number(), peakConcurrent: Type.Integer(), peakAt: Nullable(IsoTime) }, { additionalProperties: false }),
    groups: Type.Array(UsageGroupSchema),
    peakByDay: Type.Array(Type.Object({ day: Type.String(), peakConcurrent: Type.Integer() }, { additionalProperties: false })),
    /** [weekday 0 = Monday][hour 0-23]: live-meeting hours. */
    heatmap: Type.Array(Type.Array(Type.Number(), { minItems: 24, maxItems: 24 }), { minItems: 7, maxItems: 7, description: 'Live-meeting hours by weekday (0 = Monday) and hour, in tz' }),
    idleRooms: Type.Array(Type.Object({ meetingId: Type.String(), topic: Type.String(), hostName: Nullable(Type.String()) }, { additionalProperties: false })),
    licenses: Nullable(Type.Integer({ description: 'ZOOM_SESSIONS_LICENSES, when set' })),
    historySince: Nullable(Type.String({ description: "ISO 8601 time: the earliest start of an instance in the window (history begins when the app first watched); null when none" })),
  },
  { additionalProperties: false },
);
export type UsageReport = Static<typeof UsageReportSchema>;

export const AliveSchema = Type.Object({ alive: Type.Boolean() });
export const NoContentSchema = Type.Null({ description: 'No content' });

export const LoginBodySchema = Type.Object({ token: Type.String({ minLength: 1, maxLength: 512 }) }, { additionalProperties: false });

export const ZoomSourceSchema = Type.Union(
  [Type.Literal('env'), Type.Literal('saved'), Type.Literal('this-run'), Type.Literal('demo'), Type.Null()],
  { description: 'Where the credentials in use come from; null: not set up' },
);

export const SetupStateSchema = Type.Object(
  {
    source: ZoomSourceSchema,
    accountId: Nullable(Type.String()),
    clientId: Nullable(Type.String()),
    hasSecret: Type.Boolean({ description: 'A client secret is in use (it is never sent back)' }),
    canRemember: Type.Boolean({ description: 'The secret can be kept encrypted across restarts (Electron safeStorage)' }),
    editable: Type.Boolean({ description: 'false when the credentials come from the environment' }),
  },
  { additionalProperties: false },
);

const Credential = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: '^\\S+$' });

const credentialFields = {
  accountId: Credential(128),
  clientId: Credential(128),
  clientSecret: Type.Optional(Credential(256)),
};

export const SetupCredentialsSchema = Type.Object(credentialFields, {
  additionalProperties: false,
  description: 'clientSecret may be left out to keep the one in use',
});

export const SetupSaveSchema = Type.Object(
  { ...credentialFields, remember: Type.Optional(Type.Boolean({ description: 'Keep across restarts (needs canRemember)' })) },
  { additionalProperties: false },
);

export const SetupTestResultSchema = Type.Object(
  { ok: Type.Literal(true), activeUsers: Nullable(Type.Integer({ minimum: 0 })) },
  { additionalProperties: false },
);

export const SetupCheckResultSchema = Type.Object(
  {
    checks: Type.Array(
      Type.Object(
        {
          name: Type.String(),
          state: Type.Union([Type.Literal('ok'), Type.Literal('warn'), Type.Literal('fail'), Type.Literal('skip')]),
          detail: Type.String(),
          fix: Type.Optional(Type.String()),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const SetupEnvelopeSchema = Type.Object({ setup: SetupStateSchema });

export type SetupState = Static<typeof SetupStateSchema>;
export type SetupCredentials = Static<typeof SetupCredentialsSchema>;
export type SetupSave = Static<typeof SetupSaveSchema>;
export type ZoomSource = Static<typeof ZoomSourceSchema>;
export type Session = Static<typeof SessionSchema>;
export type Attention = Static<typeof AttentionSchema>;
export type SyncError = Static<typeof SyncErrorSchema>;
export type RateLimitState = Static<typeof RateLimitStateSchema>;
export type SyncStatus = Static<typeof SyncStatusSchema>;
export type SessionList = Static<typeof SessionListSchema>;
export type ErrorBody = Static<typeof ErrorBodySchema>;
export type SessionsQuery = Static<typeof SessionsQuerySchema>;

/** Server-sent events on /api/v1/events: each event name and the schema of its data. */
export const SseEventSchemas = {
  snapshot: Type.Object({ sessions: Type.Array(SessionSchema), status: SyncStatusSchema }),
  session: Type.Object({ session: SessionSchema }),
  removed: Type.Object({ meetingId: Type.String() }),
  status: Type.Object({ status: SyncStatusSchema }),
};

export type SseEvents = { [K in keyof typeof SseEventSchemas]: Static<(typeof SseEventSchemas)[K]> };
