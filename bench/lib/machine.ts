import { cpus, freemem, loadavg, platform, release, totalmem } from 'node:os';
import type { DataSource } from 'typeorm';
import type { Redis } from 'ioredis';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  freeMemoryGiB: number;
  os: string;
  node: string;
  postgres: string;
  redis: string;
  date: string;
  /** 1-, 5- and 15-minute load averages when the run started: other work on the machine skews every figure. */
  loadAverage: number[];
}

export async function describeMachine(ds: DataSource, redis: Redis): Promise<MachineInfo> {
  const [pg] = (await ds.query(`SHOW server_version`)) as { server_version: string }[];
  const info = await redis.info('server').catch(() => '');
  const redisVersion = /redis_version:([^\r\n]+)/.exec(info)?.[1] ?? 'unknown';
  const list = cpus();
  return {
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    freeMemoryGiB: Math.round((freemem() / 2 ** 30) * 10) / 10,
    os: `${platform()} ${release()}`,
    node: process.version,
    postgres: pg?.server_version ?? 'unknown',
    redis: redisVersion,
    date: new Date().toISOString(),
    loadAverage: loadavg().map((v) => Math.round(v * 100) / 100),
  };
}
