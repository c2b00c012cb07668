// Zoom's webhook deliveries: verified by their signature (webhook.ts), answered at once.
import type { FastifyInstance } from 'fastify';

/** What the route asks of the webhook receiver (main/zoom/events/webhook.ts): an answer for Zoom. */
export interface WebhookHandler {
  handle(rawBody: string, timestamp: string | undefined, signature: string | undefined): { status: number; body: unknown };
}

/** POST /api/v1/zoom/webhook: Zoom names its public host in Host, and sends no token. */
export async function webhookRoute(app: FastifyInstance, opts: { receiver: WebhookHandler }): Promise<void> {
  const { receiver } = opts;
  app.post('/zoom/webhook', { config: { access: 'webhook' }, schema: { summary: 'Zoom webhook receiver (x-zm-signature, not the API token)', security: [] } }, (req, reply) => {
    const header = (name: string) => {
      const v = req.headers[name];
      return typeof v === 'string' ? v : undefined;
    };
    const answer = receiver.handle(req.rawBody ?? '', header('x-zm-request-timestamp'), header('x-zm-signature'));
    void reply.code(answer.status).send(answer.body);
  });
}
