/**
 * One Lambda execution environment, in a child process started by lambda-function.ts on the Lambda
 * runtime's Node major: plays the part of the `nodejs22.x` runtime interface client. It loads the
 * handler named by `_HANDLER` from LAMBDA_TASK_ROOT (init), reports how that went, then serves one
 * invocation at a time over IPC. Errors are reported the way Lambda reports them: load failures as
 * Runtime.ImportModuleError, Runtime.UserCodeSyntaxError or Runtime.HandlerNotFound, a handler's
 * error as `{ errorType: error.name, errorMessage, trace }`.
 *
 * Plain JavaScript on purpose: it runs on the Lambda Node binary with nothing but built-ins.
 *
 * Messages in:  { type: 'invoke', requestId, event (JSON text), deadline (epoch ms), invokedFunctionArn }
 * Messages out: { type: 'ready' } | { type: 'init-error', error } | { type: 'crash', error } (while idle)
 *             | { type: 'result', requestId, payload (JSON text) } | { type: 'error', requestId, error, fatal? }
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { types } from 'node:util';

const env = process.env;
/** The invocation in progress, for errors that escape the handler (uncaught, unhandled rejection). */
let current;
let initialized = false;

process.on('disconnect', () => process.exit(0));
process.on('uncaughtException', (error) => crash(error));
process.on('unhandledRejection', (reason) => {
  const error = new Error(describe(reason));
  error.name = 'Runtime.UnhandledPromiseRejection';
  if (reason instanceof Error && reason.stack) error.stack = reason.stack;
  crash(error);
});

/** As the runtime does: the error goes to the invocation (or init) it broke, then the process exits. */
function crash(error) {
  const formatted = formatError(error);
  console.error(`${formatted.errorType}: ${formatted.errorMessage}`);
  const message = current
    ? { type: 'error', requestId: current, error: formatted, fatal: true }
    : { type: initialized ? 'crash' : 'init-error', error: formatted };
  if (process.connected) process.send(message, () => process.exit(129));
  else process.exit(129);
}

class RuntimeError extends Error {
  constructor(name, message) {
    super(message);
    this.name = name;
  }
}

function describe(value) {
  return value instanceof Error ? `${value.name}: ${value.message}` : String(value);
}

/** Lambda's shape of an unhandled error; a thrown non-Error reports its `typeof`, as the runtime does. */
function formatError(error) {
  if (types.isNativeError(error) || (error instanceof Object && 'message' in error && 'name' in error)) {
    return {
      errorType: String(error.name || 'Error'),
      errorMessage: String(error.message ?? ''),
      trace: typeof error.stack === 'string' ? error.stack.split('\n') : [],
    };
  }
  return { errorType: typeof error, errorMessage: String(error), trace: [] };
}

/** `type` of the nearest package.json from `dir` up (the runtime folder has one, so the search ends there). */
function packageType(dir) {
  for (let at = dir; ; at = dirname(at)) {
    const manifest = join(at, 'package.json');
    if (existsSync(manifest)) {
      try {
        return JSON.parse(readFileSync(manifest, 'utf8')).type;
      } catch {
        return undefined;
      }
    }
    if (dirname(at) === at) return undefined;
  }
}

async function loadHandler() {
  const taskRoot = env.LAMBDA_TASK_ROOT ?? process.cwd();
  const handlerString = env._HANDLER ?? '';
  const name = basename(handlerString);
  const dot = name.indexOf('.');
  if (dot <= 0 || dot === name.length - 1) {
    throw new RuntimeError('Runtime.MalformedHandlerName', `Bad handler ${handlerString}`);
  }
  const moduleName = name.slice(0, dot);
  const modulePath = resolve(taskRoot, dirname(handlerString), moduleName);
  const file = ['.js', '.mjs', '.cjs']
    .map((ext) => modulePath + ext)
    .find((candidate) => existsSync(candidate));
  if (!file) {
    throw new RuntimeError('Runtime.ImportModuleError', `Error: Cannot find module '${moduleName}'`);
  }
  let module;
  try {
    const esm = file.endsWith('.mjs') || (file.endsWith('.js') && packageType(dirname(file)) === 'module');
    module = esm ? await import(pathToFileURL(file).href) : createRequire(file)(file);
  } catch (error) {
    if (error?.code === 'MODULE_NOT_FOUND' || error?.code === 'ERR_MODULE_NOT_FOUND') {
      throw new RuntimeError('Runtime.ImportModuleError', describe(error));
    }
    if (error instanceof SyntaxError) throw new RuntimeError('Runtime.UserCodeSyntaxError', describe(error));
    throw error;
  }
  let handler = module;
  for (const key of name.slice(dot + 1).split('.')) handler = handler?.[key];
  if (handler === undefined && module?.default) {
    // A CommonJS module imported as ESM keeps its exports on `default`.
    handler = module.default;
    for (const key of name.slice(dot + 1).split('.')) handler = handler?.[key];
  }
  if (handler === undefined) {
    throw new RuntimeError('Runtime.HandlerNotFound', `${handlerString} is undefined or not exported`);
  }
  if (typeof handler !== 'function') {
    throw new RuntimeError('Runtime.HandlerNotFound', `${handlerString} is not a function`);
  }
  return handler;
}

/** Async handlers resolve; callback-style ones (three parameters) call back; context.succeed/fail/done work too. */
function callHandler(handler, event, context) {
  return new Promise((resolvePromise, reject) => {
    let settled = false;
    const callback = (error, result) => {
      if (settled) return;
      settled = true;
      if (error !== undefined && error !== null) reject(error);
      else resolvePromise(result);
    };
    context.done = callback;
    context.succeed = (result) => callback(null, result);
    context.fail = (error) => callback(error ?? 'handled');
    try {
      const returned = handler(event, context, callback);
      if (returned && typeof returned.then === 'function') {
        returned.then(
          (result) => callback(null, result),
          (error) => callback(error),
        );
      } else if (handler.length < 3) {
        callback(null, returned);
      }
    } catch (error) {
      callback(error);
    }
  });
}

async function invoke(message, handler) {
  current = message.requestId;
  const functionName = env.AWS_LAMBDA_FUNCTION_NAME;
  const context = {
    awsRequestId: message.requestId,
    functionName,
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn: message.invokedFunctionArn,
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, message.deadline - Date.now()),
  };
  let reply;
  try {
    const result = await callHandler(handler, JSON.parse(message.event), context);
    reply = {
      type: 'result',
      requestId: message.requestId,
      payload: JSON.stringify(result === undefined ? null : result),
    };
  } catch (error) {
    reply = { type: 'error', requestId: message.requestId, error: formatError(error) };
  }
  current = undefined;
  process.send(reply);
}

let handler;
try {
  handler = await loadHandler();
} catch (error) {
  const formatted = formatError(error);
  console.error(`${formatted.errorType}: ${formatted.errorMessage}`);
  process.send({ type: 'init-error', error: formatted });
}
if (handler) {
  initialized = true;
  process.on('message', (message) => {
    if (message?.type === 'invoke') void invoke(message, handler);
  });
  process.send({ type: 'ready' });
}
