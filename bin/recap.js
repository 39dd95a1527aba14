#!/usr/bin/env node
// Runs the TypeScript sources through tsx, so `npm start`, `npx recap` and `./bin/recap.js` need
// no build step. The Docker image runs the compiled dist/ instead.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
