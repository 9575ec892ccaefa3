// Jest takes testTimeout only from the top-level configuration, not per project: each project
// sets its own default here (a test or hook that needs longer says so itself).
import { jest } from '@jest/globals';

jest.setTimeout(120_000);
