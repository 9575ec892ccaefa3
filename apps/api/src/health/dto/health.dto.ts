import { ApiProperty } from '@nestjs/swagger';

/** GET /api/health when PostgreSQL and Redis answer (a 503 carries `status: "error"` and a message). */
export class HealthView {
  @ApiProperty({ enum: ['ok'] }) status!: 'ok';
  @ApiProperty({ enum: ['up'] }) db!: 'up';
  @ApiProperty({ enum: ['up'] }) redis!: 'up';
}
