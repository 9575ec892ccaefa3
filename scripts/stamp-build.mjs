// Records which sources a build was made from, so `npm start` can skip builds that are up
// to date. `begin` (before building) hashes the inputs into <stamp>.pending; `commit` (after
// a successful build) makes it the stamp. A source edited during the build therefore leaves
// the stamp naming the older sources, and the next start rebuilds.
import { existsSync, renameSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { BUILDS, hashInputs } from './lib.mjs';

const [name, phase] = process.argv.slice(2);
const build = BUILDS[name];
if (!build || !['begin', 'commit'].includes(phase)) {
  console.error(`usage: node scripts/stamp-build.mjs <${Object.keys(BUILDS).join('|')}> <begin|commit>`);
  process.exit(2);
}
const pending = `${build.stamp}.pending`;
if (phase === 'begin') {
  rmSync(build.stamp, { force: true });
  mkdirSync(dirname(pending), { recursive: true });
  writeFileSync(pending, hashInputs(build.inputs));
} else if (existsSync(pending)) {
  renameSync(pending, build.stamp);
}
