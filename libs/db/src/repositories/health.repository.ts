import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The health check's database probe: the one statement that belongs to no aggregate. */
@Injectable()
export class HealthRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Resolves when PostgreSQL answers a trivial statement. */
  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }
}
