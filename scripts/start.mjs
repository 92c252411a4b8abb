// npm start: the demo site (scripts/serve.mjs, http://127.0.0.1:8080/) and, beside it, the
// consent-records service (records/, http://127.0.0.1:8787/), which receives what the
// demo's banner sends (`consentLog.endpoint` in www/js/consent-config.js).
// npm run records (`--records-only`): the service alone.
//
// PORT moves the demo, RECORDS_PORT the service; the service's other settings come from the
// environment as documented in the README (RECORDS_ORIGINS defaults to the demo's origin).
import { serve } from './serve.mjs';
import { demoConfigFor, startRecords } from './records.mjs';

const recordsOnly = process.argv.includes('--records-only');
const port = Number(process.env.PORT || 8080);
const env = { RECORDS_PORT: process.env.RECORDS_PORT || '8787' };
if (!process.env.RECORDS_ORIGINS) env.RECORDS_ORIGINS = `http://127.0.0.1:${port},http://localhost:${port}`;

const records = await startRecords(env, { echo: true, quiet: false });
let stopping = false;
records.child.on('exit', (code, signal) => {
  if (!stopping) {
    console.error(`consentry-records stopped (${signal || 'exit code ' + code})`);
    process.exit(code || 1);
  }
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    stopping = true;
    await records.stop();
    process.exit(0);
  });
}

if (!recordsOnly) {
  const { url } = await serve({ port, handler: demoConfigFor(records.url) });
  console.log(`consentry demo: ${url}/  (its consent records: ${records.url}/v1/records/<consentId>; Ctrl+C to stop both)`);
}
