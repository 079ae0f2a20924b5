/** What a Task's `Resource` names: a Lambda integration (optionally with a callback) or a Lambda ARN. */

export interface ResourceTarget {
  kind: 'lambda-invoke' | 'lambda-arn' | 'unsupported';
  /** `.waitForTaskToken`: the task ends when SendTaskSuccess/Failure is called with its token. */
  callback: boolean;
  resource: string;
  /** As history events name it: `lambda`, … */
  resourceType: string;
  resourceName: string;
  functionName: string;
}

export function parseResource(resource: string): ResourceTarget {
  const integration =
    /^arn:[^:]+:states:::([a-z0-9-]+):([A-Za-z0-9]+)(\.(waitForTaskToken|sync(:2)?))?$/.exec(resource);
  if (integration) {
    const isLambda = integration[1] === 'lambda' && integration[2] === 'invoke';
    return {
      kind: isLambda ? 'lambda-invoke' : 'unsupported',
      callback: integration[4] === 'waitForTaskToken',
      resource,
      resourceType: integration[1] as string,
      resourceName: `${integration[2]}${integration[3] ?? ''}`,
      functionName: '',
    };
  }
  const lambda = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)(:.+)?$/.exec(resource);
  if (lambda)
    return {
      kind: 'lambda-arn',
      callback: false,
      resource,
      resourceType: 'lambda',
      resourceName: resource,
      functionName: resource,
    };
  return {
    kind: 'unsupported',
    callback: false,
    resource,
    resourceType: 'unknown',
    resourceName: resource,
    functionName: '',
  };
}
