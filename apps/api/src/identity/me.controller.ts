import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Put } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor.js';
import { CurrentActor } from '../common/auth/current-actor.decorator.js';
import { PlatformRoles, SignedIn } from '../common/auth/policy.js';
import { MeView, PlatformRolesDto, PlatformRolesView, UpdateMeDto } from './dto/auth.dto.js';
import { UserDirectory } from './user-directory.service.js';

@ApiTags('users')
@Controller()
export class MeController {
  constructor(private readonly users: UserDirectory) {}

  @Get('me')
  @SignedIn()
  @ApiOperation({ summary: 'The signed-in user with platform roles and organisation memberships' })
  @ApiResponse({ status: 200, type: MeView })
  @ApiResponse({ status: 401, description: 'not signed in' })
  me(@CurrentActor() actor: Actor): Promise<MeView> {
    return this.users.me(actor.userId);
  }

  @Patch('me')
  @SignedIn()
  @ApiOperation({ summary: 'Change your own name or interface language' })
  @ApiResponse({ status: 200, type: MeView })
  @ApiResponse({ status: 400, description: 'invalid name or locale' })
  @ApiResponse({ status: 401, description: 'not signed in' })
  updateMe(@CurrentActor() actor: Actor, @Body() dto: UpdateMeDto): Promise<MeView> {
    return this.users.updateMe(actor.userId, dto);
  }

  @Put('users/:id/platform-roles')
  @PlatformRoles('admin')
  @ApiOperation({ summary: 'Set a user’s platform roles (admin only); recorded in the audit log' })
  @ApiResponse({ status: 200, type: PlatformRolesView })
  @ApiResponse({ status: 400, description: 'unknown role or malformed id' })
  @ApiResponse({ status: 401, description: 'not signed in' })
  @ApiResponse({ status: 403, description: 'not an admin' })
  @ApiResponse({ status: 404, description: 'no such user' })
  @ApiResponse({ status: 409, description: 'an admin cannot remove their own admin role' })
  setPlatformRoles(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: PlatformRolesDto,
  ): Promise<PlatformRolesView> {
    return this.users.setPlatformRoles(actor, id, dto.roles);
  }
}
