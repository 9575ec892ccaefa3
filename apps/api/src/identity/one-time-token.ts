/** The token helpers live in @kindling/domain so that the worker (which mints link tokens) shares them. */
export { hashToken, newSecretToken } from '@kindling/domain';
