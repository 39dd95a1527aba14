// The worker process of a scaled-out install (compose.yaml's worker service): every queue's
// worker against REDIS_URL and no chat, exactly `recap worker`. The job processors themselves
// are src/jobs/; this folder holds only the process entry, so nothing in src/ depends on it.
import { buildProgram } from '../src/cli/program.js';

await buildProgram().parseAsync([process.argv[0] ?? 'node', 'recap', 'worker', ...process.argv.slice(2)]);
