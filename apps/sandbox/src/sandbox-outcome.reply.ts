import type { FastifyReply } from 'fastify';
import { HeldRequestRegistry } from './held-request.registry';

// What a platform stand-in answers: JSON (maybe late), an HTML error page as a platform's edge
// serves it, or nothing until the hold ends (a `timeout` fault).
export type SandboxOutcome<Body> =
  | { kind: 'json'; httpStatus: number; body: Body; delayMs?: number }
  | { kind: 'html'; httpStatus: number; html: string }
  | { kind: 'hold' };

export async function replyWithOutcome<Body>(
  outcome: SandboxOutcome<Body>,
  reply: FastifyReply,
  held: HeldRequestRegistry,
  hold: { ms: number; html: string },
): Promise<void> {
  switch (outcome.kind) {
    case 'json':
      if (outcome.delayMs) await held.hold(outcome.delayMs, reply.raw);
      await reply.code(outcome.httpStatus).send(outcome.body);
      return;
    case 'html':
      await reply.code(outcome.httpStatus).type('text/html; charset=utf-8').send(outcome.html);
      return;
    case 'hold':
      await held.hold(hold.ms, reply.raw);
      // Nothing is stored for a held request, so a client that times out and retries does not
      // leave duplicates in the event log.
      await reply.code(504).type('text/html; charset=utf-8').send(hold.html);
      return;
  }
}
