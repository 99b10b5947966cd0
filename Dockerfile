# syntax=docker/dockerfile:1
# Portico's container image: `docker build -t portico .` (docs/DEPLOYMENT.md).
#
# deps    → npm ci (all dependencies: the build needs the dev ones)
# build   → prisma generate, next build (output: "standalone"), then
#           lib/runtime/build-standalone.mjs: the runtime bundled into dist/, the packages it needs
#           and the files it reads (migrations, static assets, public/, the guest pages' sources)
# runtime → only .next/standalone, as an unprivileged user
#
# The web process is Portico's own server (lib/runtime/start.ts, bundled as dist/start.mjs),
# not Next's server.js: it applies the migrations, runs the guest pages' fast path, the client
# address rules, the operations endpoints and a job-queue worker. The worker image is the same
# with `node dist/worker.mjs` (compose.yaml). tests' e2e/standalone-server.spec.ts runs this
# CMD in this WORKDIR outside Docker.

ARG NODE_VERSION=22

FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /src
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY prisma.config.ts ./
# postinstall runs `prisma generate`, which needs the schema copied above.
RUN npm ci --no-audit --no-fund

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /src
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /src/node_modules ./node_modules
COPY . .
RUN npm run db:generate && npm run build && node lib/runtime/build-standalone.mjs

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
# The "node" user (uid 1000) of the official image; nothing in /app is writable by it except
# .portico, which only a trial without DATABASE_URL would use.
COPY --from=build --chown=root:root /src/.next/standalone ./
RUN mkdir -p .portico && chown node:node .portico
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/start.mjs"]
