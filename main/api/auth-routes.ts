// Dashboard login and logout: an API token in, an HttpOnly SameSite=Strict cookie out.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBodySchema, LoginBodySchema, NoContentSchema } from '../../shared/api-schema.js';
import { apiError } from './api-error.js';
import { COOKIE_TTL_MS, sessionCookieOf, setSessionCookie, type ApiAuth } from './auth.js';

/** Login is public (it takes the token in its body); logout needs the cookie or token like any route. */
export async function authRoutes(appIn: FastifyInstance, deps: { auth: ApiAuth }): Promise<void> {
  const app = appIn.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/login',
    {
      config: { access: 'public' },
      schema: {
        summary: 'Log the dashboard in with an API token (sets a cookie)',
        security: [],
        body: LoginBodySchema,
        response: { 204: NoContentSchema, 401: ErrorBodySchema, 400: ErrorBodySchema },
      },
    },
    async (req, reply) => {
      const cookie = await deps.auth.login(req.body.token);
      if (!cookie) return reply.code(401).send(apiError('unauthorized', 'That API token is not valid here.'));
      return setSessionCookie(reply, cookie, COOKIE_TTL_MS).code(204).send(null);
    },
  );

  app.post('/logout', { config: { access: 'token' }, schema: { summary: 'Log the dashboard out', response: { 204: NoContentSchema, 401: ErrorBodySchema } } }, async (req, reply) => {
    const cookie = sessionCookieOf(req.headers);
    if (cookie) await deps.auth.logout(cookie);
    return setSessionCookie(reply, '', 0).code(204).send(null);
  });
}
