// biome-ignore-all lint/suspicious/noExplicitAny: synthesized CloudFormation templates are untyped JSON
/**
 * Reading a stateless template for the versions and aliases of issue 13 (safe deploys for long
 * cases): what each state machine invokes, what its role may invoke, and where the API starts cases.
 * Shared by the fixture's tests (stacks.test.ts) and the real catalogue's (operations.test.ts).
 */
import { expect } from 'vitest';
import { STATE_MACHINE_ALIAS, TASK_FUNCTION_ALIAS } from '../../infra/state-machine-definition.ts';

type Resource = {
  Type: string;
  Properties?: Record<string, any>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
};
type Template = { Resources: Record<string, Resource> };

const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

const resourcesOf = (template: Template, type: string): [string, Resource][] =>
  Object.entries(template.Resources).filter(([, r]) => r.Type === type);

/** The logical id a `{ Ref }` names, after checking the resource exists and has the given type. */
function refOf(template: Template, value: any, type: string, what: string): string {
  const id = value?.Ref;
  expect(typeof id, `${what}: ${JSON.stringify(value)} is a Ref`).toBe('string');
  expect(template.Resources[id]?.Type, `${what}: ${id}`).toBe(type);
  return id as string;
}

/** The logical id of a `{ "Fn::GetAtt": [id, attribute] }`, checking the attribute. */
function getAttOf(value: any, attribute: string, what: string): string {
  const getAtt = value?.['Fn::GetAtt'];
  expect(Array.isArray(getAtt), `${what}: ${JSON.stringify(value)} is a GetAtt`).toBe(true);
  expect(getAtt[1], what).toBe(attribute);
  return getAtt[0] as string;
}

/** The IAM statements of the policies attached to a role (by the role's logical id). */
function roleStatements(template: Template, roleId: string): Record<string, any>[] {
  return resourcesOf(template, 'AWS::IAM::Policy')
    .filter(([, policy]) => asArray(policy.Properties?.Roles ?? []).some((role: any) => role?.Ref === roleId))
    .flatMap(([, policy]) => policy.Properties?.PolicyDocument.Statement as Record<string, any>[]);
}

/**
 * For each state machine: every `${<Name>FunctionArn}` substitution is the ARN (`Ref`) of a task
 * function's `live` alias, backed by a retained published version of that same function; returns
 * the alias logical ids by state machine.
 */
export function taskAliasesInvokedByEachMachine(template: Template): Map<string, string[]> {
  const machines = resourcesOf(template, 'AWS::StepFunctions::StateMachine');
  expect(machines.length).toBeGreaterThan(0);
  const byMachine = new Map<string, string[]>();
  for (const [machineId, machine] of machines) {
    const substitutions = machine.Properties?.DefinitionSubstitutions as Record<string, any>;
    const tasks = Object.entries(substitutions).filter(([name]) => name.endsWith('FunctionArn'));
    expect(tasks.length, machineId).toBeGreaterThan(0);
    const aliases: string[] = [];
    for (const [placeholder, value] of tasks) {
      const what = `${machineId} \${${placeholder}}`;
      const aliasId = refOf(template, value, 'AWS::Lambda::Alias', what);
      const alias = template.Resources[aliasId]?.Properties ?? {};
      expect(alias.Name, what).toBe(TASK_FUNCTION_ALIAS);
      const functionId = refOf(template, alias.FunctionName, 'AWS::Lambda::Function', `${what} alias`);
      // The alias points at a published version (never $LATEST) of the same function, and that
      // version is kept when a later deploy publishes the next one: the alias can be pointed back.
      const versionId = getAttOf(alias.FunctionVersion, 'Version', `${what} alias version`);
      const version = template.Resources[versionId];
      expect(version?.Type, versionId).toBe('AWS::Lambda::Version');
      expect(version?.Properties?.FunctionName, versionId).toEqual({ Ref: functionId });
      expect(version?.DeletionPolicy, versionId).toBe('Retain');
      expect(version?.UpdateReplacePolicy, versionId).toBe('Retain');
      aliases.push(aliasId);
    }
    byMachine.set(machineId, [...new Set(aliases)].sort());
  }
  return byMachine;
}

/** Every resource of every `lambda:*` statement of the state machine's role, as `Ref` ids (or the raw value). */
export function lambdaGrantsOfMachine(
  template: Template,
  machineId: string,
): { actions: string[]; resources: unknown[] }[] {
  const roleId = getAttOf(template.Resources[machineId]?.Properties?.RoleArn, 'Arn', `${machineId} role`);
  return roleStatements(template, roleId)
    .filter((statement) => asArray(statement.Action).some((action: string) => action.startsWith('lambda:')))
    .map((statement) => {
      expect(statement.Effect).toBe('Allow');
      expect(statement.Condition).toBeUndefined();
      return {
        actions: asArray(statement.Action),
        resources: asArray(statement.Resource).map((resource: any) => resource?.Ref ?? resource),
      };
    });
}

/**
 * Each state machine has one retained version resource, republished when the machine's revision
 * changes, and a `live` alias that sends every new execution to it; returns the alias ids by machine.
 */
export function liveAliasOfEachMachine(template: Template): Map<string, string> {
  const byMachine = new Map<string, string>();
  const aliases = resourcesOf(template, 'AWS::StepFunctions::StateMachineAlias');
  for (const [machineId] of resourcesOf(template, 'AWS::StepFunctions::StateMachine')) {
    const versions = resourcesOf(template, 'AWS::StepFunctions::StateMachineVersion').filter(
      ([, version]) => version.Properties?.StateMachineArn?.Ref === machineId,
    );
    expect(versions, machineId).toHaveLength(1);
    const [versionId, version] = versions[0] as [string, Resource];
    expect(getAttOf(version.Properties?.StateMachineRevisionId, 'StateMachineRevisionId', versionId)).toBe(
      machineId,
    );
    expect(version.DeletionPolicy, versionId).toBe('Retain');
    expect(version.UpdateReplacePolicy, versionId).toBe('Retain');
    const live = aliases.filter(([, alias]) =>
      (alias.Properties?.RoutingConfiguration ?? []).some(
        (route: any) => route.StateMachineVersionArn?.Ref === versionId,
      ),
    );
    expect(live, machineId).toHaveLength(1);
    const [aliasId, alias] = live[0] as [string, Resource];
    expect(alias.Properties?.Name, aliasId).toBe(STATE_MACHINE_ALIAS);
    expect(alias.Properties?.RoutingConfiguration, aliasId).toEqual([
      { StateMachineVersionArn: { Ref: versionId }, Weight: 100 },
    ]);
    byMachine.set(machineId, aliasId);
  }
  expect(aliases).toHaveLength(byMachine.size);
  return byMachine;
}

/** The `states:*` statements of every role, with the role's policy id. */
export function stepFunctionsStatements(
  template: Template,
): { policy: string; statement: Record<string, any> }[] {
  return resourcesOf(template, 'AWS::IAM::Policy').flatMap(([policy, r]) =>
    ((r.Properties?.PolicyDocument.Statement ?? []) as Record<string, any>[])
      .filter((statement) => asArray(statement.Action).some((action: string) => action.startsWith('states:')))
      .map((statement) => ({ policy, statement })),
  );
}
