import { writeFileAtomic } from '../../../../server/config/atomic-file';

/** Child process for the SIGKILL test: rewrites the file with large content as fast as it can. */
const file = process.argv[2];
let version = 0;
process.stdout.write('started\n');
for (;;) {
  writeFileAtomic(file, JSON.stringify({ version: version++, padding: 'x'.repeat(20000) }), { backup: true });
}
