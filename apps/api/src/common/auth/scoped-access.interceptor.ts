import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Observable } from 'rxjs';
import { AccessService } from './access.service.js';
import type { RequestWithActor } from './current-actor.decorator.js';
import { POLICY_KEY, type Policy } from './policy.js';

/**
 * The object-level half of @Scoped routes: after the policy guard (the caller is known) and
 * before pipes validate the body, AccessService.requireAccess answers 404 when the declared
 * rule does not reach the object — so a caller who may not see a thing learns nothing, not
 * even what a valid body would look like.
 */
@Injectable()
export class ScopedAccessInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly access: AccessService,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const policy = this.reflector.getAllAndOverride<Policy | undefined>(POLICY_KEY, [context.getHandler(), context.getClass()]);
    if (policy?.kind !== 'scoped') return next.handle();
    const req = context.switchToHttp().getRequest<RequestWithActor>();
    if (!req.actor) return next.handle();
    const id = req.params[policy.param];
    await this.access.requireAccess(req.actor, policy.resource, policy.access, [typeof id === 'string' ? id : '']);
    return next.handle();
  }
}
