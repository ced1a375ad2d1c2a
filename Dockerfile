# vanthu: one image for the watcher and the queue workers (docker-compose.yml).
# Build:  docker build -t vanthu .      Run: docker compose up -d

FROM node:20-bookworm-slim AS build
# better-sqlite3 compiles from source when no prebuilt binary matches.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# Install scripts only for the packages package.json allows (allowScripts): not tesseract.js.
RUN npm ci --ignore-scripts \
 && npm rebuild better-sqlite3 msgpackr-extract
COPY . .
RUN npm run build \
 && npm prune --omit=dev --ignore-scripts

FROM node:20-bookworm-slim
# MALLOC_ARENA_MAX: see src/allocator.ts (set here, the CLI need not restart itself).
ENV NODE_ENV=production \
    VANTHU_DATA_DIR=/data \
    MALLOC_ARENA_MAX=2
WORKDIR /app
COPY --from=build /app /app
VOLUME ["/data"]
# The compose file sets the command per service: `watch /inbox` or `work`.
CMD ["node", "dist/src/cli.js", "--help"]
