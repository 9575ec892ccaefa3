import { InitialSchema1795325655306 } from './1795325655306-InitialSchema.js';

/** Every migration, in order. Listed explicitly so the same list works compiled and under jest. */
export const migrations = [InitialSchema1795325655306];
