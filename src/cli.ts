import { loadEnvFileOrExit } from './cli/env-file.js';
import { buildProgram } from './cli/program.js';

// Before any command reads its configuration: .env in the working directory, under the real environment.
loadEnvFileOrExit();
await buildProgram().parseAsync(process.argv);
