# kb954960-bot as a container: `docker build -t kb954960-bot .`, then run it with the .env of docs/operations.md.
# Two stages: the build (TypeScript, the bundler: dev dependencies) stays behind; the image holds the production
# dependencies and the build output only. test/slow/install.test.ts replays the runtime stage's steps without Docker.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts ./scripts
COPY src ./src
COPY commands ./commands
COPY db ./db
COPY examples ./examples
RUN npm run build

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
# better-sqlite3's install script fetches its prebuilt native module (package.json allowScripts approves it).
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# The database lives on the volume, owned by the unprivileged user the bot runs as (node, uid 1000, in the image).
ENV DATABASE_PATH=/data/kb954960.db
ENV PORT=3000
RUN mkdir -p /data && chown node:node /data
VOLUME /data
USER node
EXPOSE 3000
# Node images have no curl: the check is Node's own fetch. /healthz answers 200 while the process and database are up.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM starts the graceful stop (work in flight is finished, then the database is closed; at most 25 s).
STOPSIGNAL SIGTERM
CMD ["node", "dist/src/cli.cjs", "serve"]
