# syntax=docker/dockerfile:1

# --- build: compile TypeScript to dist/ -------------------------------------------------------
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY workers ./workers
RUN npm run build

# --- runtime: production dependencies and compiled code only, as a non-root user ---------------
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    NOTES_DIR=/app/notes \
    RECAP_DATA_DIR=/app/.recap
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY notes ./notes
RUN mkdir -p /app/.recap && chown -R node:node /app/.recap /app/notes
USER node
# `recap start` by default; the worker service runs dist/workers/main.js (`recap worker`; see compose.yaml).
ENTRYPOINT ["node", "dist/src/cli.js"]
CMD ["start", "--no-prompt"]
