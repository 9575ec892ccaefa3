import 'reflect-metadata';
import { loadConfigOrExit } from '@kindling/config';
import { createDataSource, ensureDatabase, runMigrations } from '@kindling/db';
import { seedScaleCohort } from './scale/seed.js';

/**
 * npm run seed:scale -- --learners N
 *
 * Adds one organisation with a manager and one cohort of N learners in a 30-item course, with
 * realistic progress, to the database in DATABASE_URL (created and migrated when missing).
 * Bulk SQL only; see scale/seed.ts. Prints the manager's sign-in and the cohort id.
 */
function argValue(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const raw = i >= 0 ? process.argv[i + 1] : undefined;
  const v = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(v) || v < 1 || v > 5_000_000) {
    process.stderr.write(`--${name} must be a whole number between 1 and 5000000 (got ${raw ?? 'nothing'})\n`);
    process.exit(64);
  }
  return v;
}

async function main(): Promise<void> {
  const learners = argValue('learners', 10_000);
  const config = loadConfigOrExit();
  await ensureDatabase(config.databaseUrl);
  await runMigrations(config.databaseUrl);
  const ds = createDataSource({ databaseUrl: config.databaseUrl, poolSize: 2, applicationName: 'kindling-seed-scale' });
  await ds.initialize();
  try {
    process.stdout.write(`Seeding ${learners} learners into ${new URL(config.databaseUrl).pathname.slice(1)}…\n`);
    const seeded = await seedScaleCohort(ds, { learners, publicUrl: config.publicUrl, log: (line) => process.stdout.write(`${line}\n`) });
    process.stdout.write(
      `\nSeeded ${learners} learners in ${seeded.seconds.toFixed(1)} s.\n` +
        `  manager sign-in: ${seeded.managerEmail} / ${seeded.password}\n` +
        `  learners sign in as learner-<n>-${seeded.tag}@scale.kindling.test (n = 1…${learners}), same password\n` +
        `  organisation id: ${seeded.organizationId}\n  cohort id: ${seeded.cohortId}\n  course id: ${seeded.courseId}\n`,
    );
  } finally {
    await ds.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`seed:scale failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
