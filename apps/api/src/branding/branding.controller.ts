import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor.js';
import { CurrentActor } from '../common/auth/current-actor.decorator.js';
import { OrgRoles } from '../common/auth/policy.js';
import { BrandingService } from './branding.service.js';
import { BrandingView, UpdateBrandingDto } from './dto/branding.dto.js';

const NOT_VISIBLE = 'no such organisation, or you are not its manager';

@ApiTags('organizations')
@Controller('organizations/:orgId/branding')
export class BrandingController {
  constructor(private readonly branding: BrandingService) {}

  @Get()
  @OrgRoles(['manager'], 'orgId')
  @ApiOperation({
    summary: 'The organisation’s branding on its certificates (its managers, admin)',
    description: 'Logo, signatory, signature image and accent colour of the current version, with the images as data URLs for previews.',
  })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiResponse({ status: 200, type: BrandingView })
  @ApiResponse({ status: 401, description: 'not signed in' })
  @ApiResponse({ status: 404, description: NOT_VISIBLE })
  get(@Param('orgId') orgId: string): Promise<BrandingView> {
    return this.branding.get(orgId);
  }

  @Put()
  @OrgRoles(['manager'], 'orgId')
  @ApiOperation({
    summary: 'Change the organisation’s branding on new certificates (its managers, admin)',
    description:
      'Fields left out stay as they are; null removes one. Images (PNG, JPEG or SVG, at most 1 MB, sent as base64 data URLs) are re-encoded: SVG is ' +
      'rasterised, everything is converted to sRGB, scaled into its box and stripped of metadata. Each save is a new version: certificates ' +
      'already issued keep the branding they were issued with (a re-issue may ask for the current one). Audited.',
  })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiResponse({ status: 200, type: BrandingView })
  @ApiResponse({ status: 400, description: 'invalid colour, signatory text or image encoding; an unreadable image; an SVG with scripts or external references' })
  @ApiResponse({ status: 401, description: 'not signed in' })
  @ApiResponse({ status: 404, description: NOT_VISIBLE })
  @ApiResponse({ status: 413, description: 'an image larger than 1 MB, or than 25 megapixels' })
  @ApiResponse({ status: 415, description: 'an image that is not PNG, JPEG or SVG' })
  update(@CurrentActor() actor: Actor, @Param('orgId') orgId: string, @Body() dto: UpdateBrandingDto): Promise<BrandingView> {
    return this.branding.update(actor, orgId, dto);
  }
}
