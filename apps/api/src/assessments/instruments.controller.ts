import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor.js';
import { CurrentActor } from '../common/auth/current-actor.decorator.js';
import { PlatformRoles, SignedIn } from '../common/auth/policy.js';
import { CreateInstrumentDto, InstrumentDetailDto, InstrumentSummaryDto, ListInstrumentsQueryDto } from './dto/instrument.dto.js';
import { InstrumentsService } from './instruments.service.js';

@ApiTags('self-assessment')
@Controller('instruments')
export class InstrumentsController {
  constructor(private readonly instruments: InstrumentsService) {}

  @Post()
  @HttpCode(201)
  @PlatformRoles('author')
  @ApiOperation({
    summary: 'Define a self-assessment instrument',
    description:
      'Stores version 1 of a new key, or version n+1 when the key exists. Stored versions never change. ' +
      'A key belongs to the author of its first version: only that author or a platform admin may publish a new version; ' +
      'Kindling’s own instruments (keys starting with `kindling-`) are created and versioned by admins only. ' +
      'Every text is required in en, it, de and fr; one label per answer point.',
  })
  @ApiResponse({ status: 201, type: InstrumentDetailDto })
  @ApiResponse({ status: 400, description: 'the definition is inconsistent (each problem is named)' })
  @ApiResponse({ status: 403, description: 'not an author or admin; or the key belongs to another author, or to Kindling (named)' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateInstrumentDto): Promise<InstrumentDetailDto> {
    return this.instruments.create(actor, dto);
  }

  @Get()
  @SignedIn()
  @ApiOperation({ summary: 'List instruments: the latest version of each key, or every version with ?all=true' })
  @ApiResponse({ status: 200, type: [InstrumentSummaryDto] })
  list(@Query() query: ListInstrumentsQueryDto): Promise<InstrumentSummaryDto[]> {
    return this.instruments.list(query.all === 'true');
  }

  @Get(':id')
  @SignedIn()
  @ApiOperation({ summary: 'One instrument version with its definition (reverse-scoring shown to authors only)' })
  @ApiResponse({ status: 200, type: InstrumentDetailDto })
  @ApiResponse({ status: 404, description: 'no such instrument' })
  get(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<InstrumentDetailDto> {
    return this.instruments.get(actor, id);
  }
}
