import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { catchError, from, type Observable, switchMap, throwError } from 'rxjs';
import { AccessService } from './access.service.js';
import type { Actor } from './actor.js';
import type { RequestWithActor } from './current-actor.decorator.js';
import { POLICY_KEY, type Policy } from './policy.js';

type ScopedPolicy = Extract<Policy, { kind: 'scoped' }>;

/**
 * The object-level half of @Scoped routes: after the policy guard (the caller is known) and
 * before pipes validate the body, AccessService.requireAccess answers 404 when the declared
 * rule does not reach the object — so a caller who may not see a thing learns nothing, not
 * even what a valid body would look like.
 *
 * Routes marked `checkedInSql` (the hot learner writes, whose statement filters by the caller
 * and answers the same 404) skip that query on the way in. Only when such a route fails — the
 * body did not validate, the object is not the caller's — is the rule asked after all, so a
 * caller it does not reach still gets exactly the 404 they always got.
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
    const actor = req.actor;
    if (!actor) return next.handle();
    const raw = req.params[policy.param];
    const id = typeof raw === 'string' ? raw : '';
    if (!policy.checkedInSql) {
      await this.access.requireAccess(actor, policy.resource, policy.access, [id]);
      return next.handle();
    }
    return next.handle().pipe(catchError((error: unknown) => this.refuseUnreachable(error, actor, policy, id)));
  }

  /** A checkedInSql route failed: a caller the rule does not reach gets the rule's 404 instead of the route's own answer. */
  private refuseUnreachable(error: unknown, actor: Actor, policy: ScopedPolicy, id: string): Observable<never> {
    return from(this.access.requireAccess(actor, policy.resource, policy.access, [id])).pipe(switchMap(() => throwError(() => error)));
  }
}
