import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import { UsersRepository } from '@kindling/db';
import { Public } from '../common/auth/policy.js';
import { DEMO_EMAILS } from './demo-accounts.js';

export class MetaView {
  @ApiProperty({ description: 'true while the demo accounts (with their published password) exist on this Kindling' })
  demo!: boolean;
}

/** Facts about this Kindling that the web app needs before anyone signs in. */
@ApiTags('meta')
@Controller('meta')
export class MetaController {
  constructor(private readonly users: UsersRepository) {}

  @Get()
  @Public()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Public facts about this instance: whether it holds demo accounts (the web app then shows a "demo" banner)' })
  @ApiResponse({ status: 200, type: MetaView })
  async meta(): Promise<MetaView> {
    return { demo: await this.users.anyWithEmail(DEMO_EMAILS) };
  }
}
