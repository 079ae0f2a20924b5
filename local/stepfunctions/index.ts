/**
 * Programmatic entry point of the embedded Step Functions engine.
 *
 *   const engine = await createEngine({ dataDir: '.data/stepfunctions', handlers: { 'my-fn': async (event) => ... } });
 *   const { url, close } = await engine.listen(8083);   // AWS JSON protocol for @aws-sdk/client-sfn
 *   ...
 *   await close(); await engine.close();
 */
import { type RunningServer, serveEngine } from './api-server.ts';
import { Engine, type EngineOptions } from './engine.ts';

export type { InputOf, OperationName, OutputOf, Wire } from './api/wire.ts';
export { type Clock, ManualClock, settle, systemClock } from './clock.ts';
export { ApiError, Engine, type EngineOptions, type LambdaContext, type TaskHandler } from './engine.ts';

export interface EmbeddedEngine {
  /** The engine itself: `call(operation, input)`, `registerHandler`, `waitForExecution`, ... */
  engine: Engine;
  /** Serves the AWS JSON 1.0 protocol on 127.0.0.1 (port 0 picks a free port). */
  listen(port?: number, host?: string): Promise<RunningServer>;
  registerHandler: Engine['registerHandler'];
  /** Closes the servers started by listen and commits the journal; running executions resume on the next start. */
  close(): Promise<void>;
}

export async function createEngine(options: EngineOptions): Promise<EmbeddedEngine> {
  const engine = new Engine(options);
  await engine.start();
  const servers: RunningServer[] = [];
  return {
    engine,
    async listen(port = 0, host = '127.0.0.1') {
      const server = await serveEngine(engine, port, host);
      servers.push(server);
      return server;
    },
    registerHandler: (name, handler) => engine.registerHandler(name, handler),
    async close() {
      await Promise.all(servers.splice(0).map((s) => s.close()));
      await engine.close();
    },
  };
}
