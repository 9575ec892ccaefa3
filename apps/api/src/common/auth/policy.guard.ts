import { type CanActivate, type ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { DomainError, isUuid, msg, notFound } from '@kindling/common';
import { AccessService } from './access.service.js';
import type { VerifiedClaims } from './actor.js';
import type { RequestWithActor } from './current-actor.decorator.js';
import { POLICY_KEY, type Policy } from './policy.js';


class JwtAuth extends AuthGuard('jwt') {}

/**
 * The one authorization layer. Reads the route's declared policy, authenticates through
 * passport-jwt, takes the caller's roles and memberships from a current token (or loads them in one query), and enforces
 * platform and organisation roles. Object-level access ("scoped") is enforced by the
 * services' queries; the guard makes sure the caller is signed in.
 */
@Injectable()
export class PolicyGuard implements CanActivate {
  private readonly logger = new Logger(PolicyGuard.name);
  private readonly jwt = new JwtAuth();

  constructor(
    private readonly reflector: Reflector,
    private readonly access: AccessService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const policy = this.reflector.getAllAndOverride<Policy | undefined>(POLICY_KEY, [context.getHandler(), context.getClass()]);
    const req = context.switchToHttp().getRequest<RequestWithActor>();
    if (!policy) {
      this.logger.error(`route ${req.method} ${req.route?.path ?? req.url} declares no access policy; refusing`);
      throw new DomainError('forbidden', msg('errors.auth.noPolicy'));
    }

    const claims = await this.authenticate(context, policy.kind === 'public');
    // A current token describes its caller (JwtStrategy checked it against Redis); any other is looked up in PostgreSQL.
    if (claims) req.actor = claims.actor ?? (await this.access.actor(claims.sub)) ?? undefined;
    if (policy.kind === 'public') return true;
    const actor = req.actor;
    if (!actor) throw new DomainError('unauthenticated', msg('errors.auth.tokenMissing'));

    switch (policy.kind) {
      case 'signed-in':
      case 'scoped':
        return true;
      case 'platform-role':
        if (policy.roles.some((r) => actor.platformRoles.includes(r)) || actor.platformRoles.includes('admin')) return true;
        throw new DomainError('forbidden', msg('errors.auth.platformRole', { roles: policy.roles.join(' / ') }));
      case 'org-role': {
        const orgId = req.params[policy.param];
        if (typeof orgId !== 'string' || !isUuid(orgId)) throw new DomainError('invalid', msg('validation.uuid', { field: policy.param }));
        if (actor.platformRoles.includes('admin')) return true;
        const role = actor.memberships.get(orgId);
        if (role && policy.roles.includes(role)) return true;
        throw notFound('organization');
      }
      default: {
        const exhaustive: never = policy;
        return exhaustive;
      }
    }
  }

  private async authenticate(context: ExecutionContext, optional: boolean): Promise<VerifiedClaims | null> {
    const req = context.switchToHttp().getRequest<RequestWithActor & { user?: VerifiedClaims }>();
    const hasCredentials =
      typeof req.headers.authorization === 'string' ||
      Boolean((req as unknown as { cookies?: Record<string, string> }).cookies?.kindling_at);
    if (!hasCredentials) return null;
    try {
      await this.jwt.canActivate(context);
      return req.user ?? null;
    } catch {
      if (optional) return null;
      throw new DomainError('unauthenticated', msg('errors.auth.tokenMissing'));
    }
  }
}
