#!/usr/bin/env node
// The `recap` command of the Docker image: the compiled dist/ (the image has no src/). The image
// puts this file at bin/recap.js and links it as /usr/local/bin/recap, so
// `docker compose exec bot recap ingest …` and `node bin/recap.js …` work there as they do here.
await import('../dist/src/cli.js');
