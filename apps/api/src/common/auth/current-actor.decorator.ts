import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { DomainError, msg } from '@kindling/common';
import type { Actor } from './actor.js';

export type RequestWithActor = Request & { actor?: Actor };

/** The signed-in caller; only on routes whose policy requires sign-in. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const req = ctx.switchToHttp().getRequest<RequestWithActor>();
  if (!req.actor) throw new DomainError('unauthenticated', msg('errors.auth.signInFirst'));
  return req.actor;
});

/** The caller when signed in, null otherwise (public routes). */
export const OptionalActor = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Actor | null => ctx.switchToHttp().getRequest<RequestWithActor>().actor ?? null,
);
