# Ascolto's image for a deployment with its own PostgreSQL (deploy/compose.yaml). Node 24 runs the
# TypeScript directly; the console and the widget are built at install.
FROM node:24-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
COPY apps ./apps
COPY packages ./packages
COPY scripts ./scripts
COPY docs ./docs
RUN npm install --no-audit --no-fund && npm cache clean --force \
  && mkdir -p /var/lib/ascolto && chown node /var/lib/ascolto
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 ASCOLTO_DATA_DIR=/var/lib/ascolto
USER node
EXPOSE 3000
ENTRYPOINT ["node", "apps/server/src/cli.ts"]
CMD ["start"]
