// A Next.js App Router app; node_modules (and the lockfile) are the consumer's, one folder
// up, which is therefore the project's root for Turbopack and for output tracing.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const consumer = dirname(dirname(fileURLToPath(import.meta.url)));

export default {
  turbopack: { root: consumer },
  outputFileTracingRoot: consumer,
};
