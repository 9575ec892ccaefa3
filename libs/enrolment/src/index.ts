export * from './bulk-enroller.js';
export * from './enrolment-writer.js';
export * from './enrolment.module.js';
export * from './invitation.service.js';
export * from './learner-input.js';
export * from './new-account-locale.js';
export * from './unverified-accounts.js';
