# syntax=docker/dockerfile:1
# Build stage: install everything, compile the API and analytics, build the dashboard.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY analytics/package.json analytics/
COPY api/package.json api/
COPY web/package.json web/
COPY test/package.json test/
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json ./
COPY scripts scripts
COPY analytics analytics
COPY api api
COPY web web
RUN npm run build && npm prune --omit=dev --workspace api --workspace analytics --include-workspace-root

# Runtime stage: compiled code and production dependencies only, as an unprivileged user.
FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DATA_DIR=/var/lib/pcsp
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/analytics/package.json analytics/
COPY --from=build /app/analytics/dist analytics/dist
COPY --from=build /app/api/package.json api/
COPY --from=build /app/api/dist api/dist
# npm keeps a workspace's own versions of a package (here the api's Fastify plugins) under its node_modules.
COPY --from=build /app/api/node_modules api/node_modules
COPY --from=build /app/web/package.json web/
COPY --from=build /app/web/dist web/dist
RUN mkdir -p /var/lib/pcsp && chown node:node /var/lib/pcsp
USER node
EXPOSE 3000
VOLUME /var/lib/pcsp
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "api/dist/cli/main.js", "start"]
