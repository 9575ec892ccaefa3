// Copies non-TypeScript assets the compiled code reads (fonts) next to it in dist/.
import { cpSync, existsSync } from 'node:fs';
for (const dir of ['libs/certificates/assets', 'libs/identity-data']) {
  if (existsSync(dir)) cpSync(dir, `dist/${dir}`, { recursive: true });
}
