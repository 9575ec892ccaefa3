import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import { isAdmin, managedOrganizations } from '../../common/auth/actor.js';
import type { RequestWithActor } from '../../common/auth/current-actor.decorator.js';
import { POLICY_KEY, type Policy } from '../../common/auth/policy.js';
import { notFound } from '../../common/errors/domain-error.js';
import { SCOPED_ACCESS_RULES } from './scoped-access.rules.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The object-level half of the policy layer for @Scoped routes. It runs after the policy
 * guard (the caller is known) and before pipes validate the body, and answers 404 when
 * the declared access rule does not reach the object — so a caller who may not see a
 * thing learns nothing, not even what a valid body would look like. One indexed query.
 */
@Injectable()
export class ScopedAccessInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly dataSource: DataSource,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const policy = this.reflector.getAllAndOverride<Policy | undefined>(POLICY_KEY, [context.getHandler(), context.getClass()]);
    if (policy?.kind !== 'scoped') return next.handle();
    const req = context.switchToHttp().getRequest<RequestWithActor>();
    const actor = req.actor;
    const sql = SCOPED_ACCESS_RULES[policy.resource]?.[policy.access];
    if (!actor || !sql) return next.handle();
    const id = req.params[policy.param];
    if (typeof id !== 'string' || !UUID.test(id)) throw notFound(policy.resource);
    // The typed parameter row lets a rule leave some parameters unused.
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM (SELECT $1::uuid, $2::uuid, $3::uuid[], $4::boolean) AS params, LATERAL (${sql}) AS allowed LIMIT 1`,
      [id, actor.userId, managedOrganizations(actor), isAdmin(actor)],
    );
    if (rows.length === 0) throw notFound(policy.resource);
    return next.handle();
  }
}
