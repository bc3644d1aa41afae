# syntax=docker/dockerfile:1
# The syncprims controller image: `syncprims controller` as a non-root user.
#
#   docker build -t ghcr.io/syncprims/controller:0.1.0 .
#
# deploy/controller.yaml runs it with `node dist/cli.js controller` in /app.

ARG NODE_IMAGE=node:20-slim

# ---- build: install every dependency, compile with tsup, then drop the dev dependencies ----
FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsup.config.ts ./
COPY src ./src
RUN npm run build \
 && npm prune --omit=dev --ignore-scripts --no-audit --no-fund

# ---- runtime: the compiled package and its production dependencies only ----
FROM ${NODE_IMAGE}
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /src/package.json ./package.json
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/dist ./dist
COPY deploy ./deploy
# `syncprims` on the PATH, like a global install of the package.
RUN chmod 0755 /app/dist/cli.js && ln -s /app/dist/cli.js /usr/local/bin/syncprims
# The `node` user of the base image (uid/gid 1000), as the Deployment's runAsUser expects.
USER 1000:1000
ENTRYPOINT ["syncprims"]
CMD ["controller"]
