# Builds with Docker's classic builder as well as BuildKit: no BuildKit-only syntax below.

# --- build: compile the server and the Angular client, then keep the server's run-time packages ---
FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles its native addon when no prebuilt binary can be fetched.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
ENV SCARF_ANALYTICS=false
COPY package.json package-lock.json ./
# When better-sqlite3 compiles, node-gyp uses the headers the image ships in /usr/local/include/node
# (the official image has them) instead of downloading them from nodejs.org.
RUN if [ -f /usr/local/include/node/node.h ]; then export npm_config_nodedir=/usr/local; fi \
  && npm ci --no-audit --no-fund
COPY . .
# Then drop the dev packages and the client-only ones (see docker/runtime-package.mjs), and
# better-sqlite3's sources and objects: it loads only build/Release/better_sqlite3.node at run time.
RUN npm run build \
  && node docker/runtime-package.mjs \
  && npm prune --omit=dev --no-audit --no-fund \
  && cd node_modules/better-sqlite3 \
  && rm -rf deps src \
  && find build -mindepth 1 ! -path build/Release ! -path build/Release/better_sqlite3.node -delete \
  && test -f build/Release/better_sqlite3.node \
  && find .. -mindepth 1 -maxdepth 1 -name "@*" -type d -empty -delete

# --- runtime: Node, the built files and the server's packages ---
FROM node:20-bookworm-slim
# A small young generation and a heap ceiling keep the panel near 175 MB during a 10,000-user sync
# (V8 otherwise grows its heap lazily on a big host); override with NODE_OPTIONS.
ENV NODE_ENV=production \
    NODE_OPTIONS="--max-semi-space-size=4 --max-old-space-size=192" \
    CONFIG_FILE=/config/config.json \
    HOST=0.0.0.0 \
    PORT=8000
WORKDIR /app
# The repository's package.json (name and version for /api/health), not the pruned one.
COPY package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist/server ./dist/server
COPY --from=build /app/dist/client ./dist/client
COPY docker/entrypoint.sh /usr/local/bin/seedbox-panel-entrypoint
# Owned by node for `--user 1000` without a mount; as root the entrypoint fixes a mounted folder.
RUN chmod 755 /usr/local/bin/seedbox-panel-entrypoint && mkdir -p /config && chown node:node /config
# Root, so that the entrypoint can hand /config to node; it then runs the panel as node (uid 1000).
USER root
VOLUME /config
EXPOSE 8000
# Probed every 5 s so the container turns healthy within seconds (20.10 has no --start-interval): bash's
# /dev/tcp costs a few MB and milliseconds where `node -e fetch(...)` would start a 40 MB process.
HEALTHCHECK --interval=5s --timeout=3s --start-period=30s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${PORT:-8000} && printf 'GET /api/health HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && read -r -t 2 _ status _ <&3 && [ \"$status\" = 200 ]"]
ENTRYPOINT ["/usr/local/bin/seedbox-panel-entrypoint"]
CMD ["node", "dist/server/main.js"]
