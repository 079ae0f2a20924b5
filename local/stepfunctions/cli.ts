/**
 * `npm run local:sfn -- --port 8083 --data .data/stepfunctions`: the engine alone, serving the
 * AWS JSON protocol. Prints `listening on http://127.0.0.1:PORT` once ready (port 0 picks one).
 */
import { parseArgs } from 'node:util';
import { createEngine } from './index.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8083' },
    data: { type: 'string', default: '.data/stepfunctions' },
    host: { type: 'string', default: '127.0.0.1' },
    region: { type: 'string', default: process.env.AWS_REGION ?? 'us-east-1' },
  },
});

const embedded = await createEngine({ dataDir: values.data as string, region: values.region as string });
const server = await embedded.listen(Number(values.port), values.host as string);
console.log(`listening on ${server.url}`);

const shutdown = async () => {
  await embedded.close();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
