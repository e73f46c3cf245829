import { applyDecorators, HttpCode, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { Role } from '../../../domain/shared/actor.js';
import { Roles } from '../../auth/auth.decorators.js';

/**
 * A command on an existing case: `POST path` answered 200 with the case's new version, open to
 * `roles` only, and described by `summary` (with the rule IDs it applies) in the OpenAPI document.
 */
export function CaseCommand(path: string, roles: readonly Role[], summary: string): MethodDecorator {
  return applyDecorators(Post(path), HttpCode(200), Roles(...roles), ApiOperation({ summary }));
}
