/** The local Lambda handlers, found by a task's FunctionName the way Lambda resolves it. */
import type { TaskHandler } from './engine.ts';

export class Handlers {
  private readonly byName = new Map<string, TaskHandler>();

  /** `functionArn(name)`: the unqualified ARN of a function of this engine's account and region. */
  constructor(private readonly functionArn: (name: string) => string) {}

  /** Registers (or replaces) a handler under a function name or ARN. */
  register(nameOrArn: string, handler: TaskHandler): void {
    this.byName.set(functionNameOf(nameOrArn), handler);
    this.byName.set(nameOrArn, handler);
  }

  /** The handler for a FunctionName (name, partial or full ARN, qualified or not), with the names Lambda reports. */
  resolve(fn: string): { handler: TaskHandler; name: string; arn: string } | undefined {
    const name = functionNameOf(fn);
    const handler = this.byName.get(fn) ?? this.byName.get(name);
    if (!handler) return undefined;
    // A qualified ARN (a version or an alias) is the invoked ARN, as Lambda reports it.
    return { handler, name, arn: /^arn:[^:]+:lambda:/.test(fn) ? fn : this.functionArn(name) };
  }
}

function functionNameOf(nameOrArn: string): string {
  const m = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)/.exec(nameOrArn);
  if (m) return m[1] as string;
  // Partial ARN `123456789012:function:name` and `name:qualifier` forms.
  const partial = /(?:^|:)function:([^:]+)/.exec(nameOrArn);
  if (partial) return partial[1] as string;
  return nameOrArn.split(':')[0] as string;
}
