# syntax=docker/dockerfile:1

# --- build: compile TypeScript to dist/ -------------------------------------------------------
# Node 24: the current LTS line (recap runs on Node 20 and later).
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY workers ./workers
RUN npm run build

# --- runtime: production dependencies and compiled code only, as a non-root user ---------------
FROM node:24-bookworm-slim AS runtime
# WEB_HOST: inside a container the page must listen beyond the loopback; compose publishes it on
# the host's 127.0.0.1 only.
ENV NODE_ENV=production \
    NOTES_DIR=/app/notes \
    RECAP_DATA_DIR=/app/.recap \
    WEB_HOST=0.0.0.0 \
    WEB_PORT=3030
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY notes ./notes
COPY bin/healthcheck.js ./bin/healthcheck.js
# The CLI in the container: bin/recap.js runs the compiled dist/ here (the repository's runs src/
# through tsx), and `recap` on the PATH is that file: `docker compose exec bot recap ingest …`.
COPY bin/recap-dist.js ./bin/recap.js
RUN chmod 755 /app/bin/recap.js && ln -s /app/bin/recap.js /usr/local/bin/recap \
    && mkdir -p /app/.recap && chown -R node:node /app/.recap /app/notes
USER node
# The bot's /healthz on WEB_PORT; compose checks a worker on WORKER_PORT instead.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 CMD ["node", "bin/healthcheck.js", "WEB_PORT"]
# `recap start` by default (`docker compose run --rm bot <command>` runs any other); the worker
# service runs dist/workers/main.js (`recap worker`; see compose.yaml).
ENTRYPOINT ["node", "dist/src/cli.js"]
CMD ["start", "--no-prompt"]
