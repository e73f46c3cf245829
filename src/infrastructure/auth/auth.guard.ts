import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Actor, Role } from '../../domain/shared/actor.js';
import { ALLOWED_ROLES, PUBLIC_ROUTE } from './auth.decorators.js';
import type { AuthenticatedUser } from './authenticated-user.js';
import { TokenVerifier } from './token-verifier.js';

/** 401: no token, or a token that does not verify. */
export class AuthenticationRequired extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'AuthenticationRequired';
  }
}

/** 403: a verified user whose roles do not include one the route allows. */
export class RoleNotAllowed extends Error {
  constructor(
    readonly roles: readonly Role[],
    readonly allowed: readonly Role[],
  ) {
    super(`This action needs one of the roles ${allowed.join(', ')}; the token carries ${roles.join(', ')}`);
    this.name = 'RoleNotAllowed';
  }
}

interface AuthRequest {
  headers: Record<string, string | string[] | undefined>;
  user?: AuthenticatedUser;
  actor?: Actor;
}

/** Global guard, closed by default: every route is @Public or names its @Roles. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthRequest>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+([A-Za-z0-9._~+/-]+=*)$/i.exec(header.trim()) : null;
    if (!match) throw new AuthenticationRequired(header ? 'the Authorization header is not a bearer token' : 'no bearer token was sent');
    let user: AuthenticatedUser;
    try {
      user = await this.verifier.verify(match[1]!);
    } catch (error) {
      throw new AuthenticationRequired((error as Error).message);
    }
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets) ?? [];
    const role = allowed.find((r) => user.roles.includes(r));
    if (!role) throw new RoleNotAllowed(user.roles, allowed);
    request.user = user;
    request.actor = { userId: user.userId, role, unit: user.unit };
    return true;
  }
}
