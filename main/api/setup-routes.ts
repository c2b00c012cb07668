// The setup screen's routes: which Zoom account is in use (never its secret), test credentials,
// save them, or switch to the demo account. Behind the API token like the rest.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBodySchema, SetupCheckResultSchema, SetupCredentialsSchema, SetupEnvelopeSchema, SetupSaveSchema, SetupTestResultSchema } from '../../shared/api-schema.js';
import { REQUIRED_SCOPE_NAMES } from '../../shared/zoom-calls.js';
import type { SetupCredentials, SetupSave, SetupState } from '../../shared/api-schema.js';
import type { Check } from '../../shared/setup-checks.js';
import { SetupError } from '../../shared/setup-error.js';
import { isZoomError } from '../../shared/zoom-error.js';

/** What the setup routes ask of the account in use (main/account's ZoomSetup). */
export interface AccountSetup {
  state(): SetupState;
  check(creds: SetupCredentials): Promise<Check[]>;
  test(creds: SetupCredentials): Promise<{ activeUsers: number | null }>;
  save(body: SetupSave): Promise<SetupState>;
  useDemo(): Promise<SetupState>;
}
import { apiError, sendZoomError } from './api-error.js';

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 409: ErrorBodySchema, 422: ErrorBodySchema, 429: ErrorBodySchema, 500: ErrorBodySchema, 502: ErrorBodySchema };

const SETUP_ERROR_STATUS: Record<SetupError['code'], number> = { locked: 409, 'cannot-remember': 409, 'secret-required': 400, 'not-saved': 500 };

/** Zoom refusing the credentials or a scope is the user's to fix (422); Zoom down is not (502). */
function sendFailure(reply: FastifyReply, e: unknown, now: number): FastifyReply {
  if (e instanceof SetupError) return reply.code(SETUP_ERROR_STATUS[e.code]).send(apiError(e.code, e.message));
  if (isZoomError(e)) {
    if (e.kind === 'forbidden') {
      const message = `${e.message} Grant the app these scopes, then activate it again: ${REQUIRED_SCOPE_NAMES.join(', ')}.`;
      return reply.code(422).send(apiError('zoom-forbidden', message, { zoomCode: e.zoomCode ?? undefined }));
    }
    return sendZoomError(reply, e, now, e.kind === 'auth' || e.kind === 'bad-request' ? 422 : 502);
  }
  throw e;
}

export async function setupRoutes(appIn: FastifyInstance, deps: { setup: AccountSetup; now: () => number }): Promise<void> {
  const app = appIn.withTypeProvider<TypeBoxTypeProvider>();
  const config = { access: 'token' as const };
  const { setup } = deps;
  /** What the handler answers, or its failure as an error answer. */
  const answer = async <T>(reply: FastifyReply, fn: () => Promise<T>): Promise<T | void> => {
    try {
      return await fn();
    } catch (e) {
      sendFailure(reply, e, deps.now()); // sent: nothing to return
    }
  };

  app.get('/setup', { config, schema: { summary: 'The Zoom account in use (never its secret)', response: { 200: SetupEnvelopeSchema, 401: ErrorBodySchema } } }, async () => ({
    setup: setup.state(),
  }));

  app.post(
    '/setup/test',
    {
      config,
      schema: {
        summary: 'Test Server-to-Server OAuth credentials against Zoom without using them',
        description: '200 when Zoom gives a token and lists users. 422 Zoom refused them (wrong id or secret, missing scope), 429/502 Zoom could not be asked.',
        body: SetupCredentialsSchema,
        response: { 200: SetupTestResultSchema, ...errors },
      },
    },
    (req, reply) =>
      answer(reply, async () => {
        const { activeUsers } = await setup.test(req.body);
        return { ok: true as const, activeUsers };
      }),
  );

  app.post(
    '/setup/check',
    {
      config,
      schema: {
        summary: 'Check these credentials line by line, as zoom-sessions doctor does: sign-in, scopes, account, Dashboard, WebSocket',
        description: '200 with the checks whatever they find (each says what to do); 400 for a malformed body.',
        body: SetupCredentialsSchema,
        response: { 200: SetupCheckResultSchema, ...errors },
      },
    },
    (req, reply) => answer(reply, async () => ({ checks: await setup.check(req.body) })),
  );

  app.put(
    '/setup',
    {
      config,
      schema: {
        summary: 'Test, then use these credentials (and remember them, encrypted, when asked and possible)',
        description: 'Leave clientSecret out to keep the one in use. 409 when the account comes from the environment or --demo, or remember is asked where no encryption is available.',
        body: SetupSaveSchema,
        response: { 200: SetupEnvelopeSchema, ...errors },
      },
    },
    (req, reply) => answer(reply, async () => ({ setup: await setup.save(req.body) })),
  );

  app.post('/setup/demo', { config, schema: { summary: 'Use the built-in demo account', response: { 200: SetupEnvelopeSchema, ...errors } } }, (_req, reply) => answer(reply, async () => ({ setup: await setup.useDemo() })));
}
