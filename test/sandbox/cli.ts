/**
 * Runs the sandbox by hand: `tsx test/sandbox/cli.ts [--port 8787] [--data DIR] [--no-seed]`.
 * Prints where everything is and the tokens to paste into the extension's options, then
 * stays up until SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import { GLOBAL_TOKEN, SANDBOX_CLIENT_ID, USER_TOKEN, startSandbox } from './server.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    'external-port': { type: 'string', default: '8788' },
    data: { type: 'string' },
    'no-seed': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log('usage: tsx test/sandbox/cli.ts [--port 8787] [--external-port 8788] [--data DIR] [--no-seed]');
  process.exit(0);
}

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`bad --port ${values.port}`);
  process.exit(2);
}

const externalPort = Number(values['external-port']);
if (!Number.isInteger(externalPort) || externalPort < 0 || externalPort > 65535) {
  console.error(`bad --external-port ${values['external-port']}`);
  process.exit(2);
}
const sandbox = await startSandbox({ port, externalPort, dataDir: values.data, seed: !values['no-seed'] });
console.log(`Glean sandbox listening on ${sandbox.origin}
  API base URL:  ${sandbox.baseUrl}
  demo page:     ${sandbox.origin}/demo/
  control:       ${sandbox.origin}/__sandbox/{knobs,reset,log,log/clear,tokens}
  user token:    ${USER_TOKEN}   (no X-Scio-Actas)
  global token:  ${GLOBAL_TOKEN} (needs X-Glean-ActAs or X-Scio-Actas: <email>)
  Glean OAuth:   ${sandbox.origin} (self-registration at /oauth/register; admin client ID ${SANDBOX_CLIENT_ID})
  external IdP:  ${sandbox.external.origin} (client ID ${SANDBOX_CLIENT_ID}; its tokens need X-Glean-Auth-Type: OAUTH)
  data dir:      ${values.data ?? '(memory only)'}
  images:        ${sandbox.images.count()}`);

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: closing`);
  await sandbox.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
