import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
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
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @Public()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Public facts about this instance: whether it holds demo accounts (the web app then shows a "demo" banner)' })
  @ApiResponse({ status: 200, type: MetaView })
  async meta(): Promise<MetaView> {
    const rows: { demo: boolean }[] = await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM users WHERE lower(email) = ANY($1::text[])) AS demo`,
      [DEMO_EMAILS],
    );
    return { demo: rows[0]?.demo === true };
  }
}
