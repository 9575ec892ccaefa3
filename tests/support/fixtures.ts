import type { OrganizationRole, PlatformRole } from '@kindling/db';
import type { DataSource } from 'typeorm';
import {
  addMembership,
  completeEnrolment,
  enrolUser,
  newCohort,
  newOrganisation,
  newPublishedCourse,
  newUser,
  type TestApp,
  type TestCourse,
  type TestUser,
} from './context.js';

/**
 * The test data helpers most tests use, kept with their names and signatures: a thin layer over
 * the test context's entity factories (./context.ts), which write through the repositories and
 * leave counters, progress and completion to the database's own functions. Access tokens are
 * real, signed with the app's own configuration.
 */
export { TEST_PASSWORD, type TestCourse, type TestUser, tokenFor } from './context.js';

export async function createUser(
  t: TestApp,
  /** `verified: false` makes an account whose address nobody proved (like a fresh self-registration). */
  opts: { name?: string; email?: string; platformRoles?: PlatformRole[]; locale?: string; verified?: boolean } = {},
): Promise<TestUser> {
  return newUser(t, opts);
}

export async function createOrganization(t: TestApp, name?: string): Promise<string> {
  return (await newOrganisation(t, { name })).id;
}

export async function addMember(t: TestApp, organizationId: string, userId: string, role: OrganizationRole): Promise<void> {
  await addMembership(t, organizationId, userId, role);
}

/**
 * A published course (version 1): `lessons` lessons in one module and a final quiz of three
 * single-choice questions, pass mark 60.
 */
export async function createPublishedCourse(
  t: TestApp,
  opts: {
    authorId: string;
    lessons?: number;
    title?: string;
    selfEnrolment?: boolean;
    minMinutes?: number | null;
    instrumentId?: string | null;
    maxAttempts?: number | null;
    hours?: number;
    locale?: 'en' | 'it' | 'de' | 'fr';
  },
): Promise<TestCourse> {
  return newPublishedCourse(t, opts);
}

export async function createCohort(
  t: TestApp,
  opts: { organizationId: string; courseId: string; dueOn?: string | null; name?: string },
): Promise<string> {
  return (await newCohort(t, opts)).id;
}

/** Enrols on the course's version; the counters are derived from the facts by the database. */
export async function enrol(t: TestApp, opts: { userId: string; course: TestCourse; cohortId?: string | null; organizationId?: string | null }): Promise<string> {
  return (await enrolUser(t, opts)).id;
}

/**
 * Completes an enrolment through the facts (a passed attempt of each quiz, every lesson) and the
 * completion rule, without a certificate request (the test issues it). See completeEnrolment.
 */
export async function complete(t: TestApp, opts: { enrolmentId: string; userId: string; course: TestCourse }): Promise<void> {
  await completeEnrolment(t, opts);
}

export const dbOf = (t: TestApp): DataSource => t.db;
