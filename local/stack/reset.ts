/** `npm run reset`: deletes the local stack's data (.data/), so the next start begins empty. */
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';

const dir = resolve(import.meta.dirname, '../..', process.argv[2] ?? '.data');
rmSync(dir, { recursive: true, force: true });
console.log(`Removed ${dir}`);
