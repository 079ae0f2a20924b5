/** What the local stack creates or reads from the synthesized assembly: the case table and the state machine. */
import {
  CreateStateMachineCommand,
  DescribeStateMachineCommand,
  type SFNClient,
  UpdateStateMachineCommand,
} from '@aws-sdk/client-sfn';
import type { AssemblyTable, CloudAssembly } from './assembly/cloud-assembly.ts';

/** The case table, as the template defines it: the one the functions name in TABLE_NAME. */
export function caseTable(assembly: CloudAssembly): AssemblyTable {
  const name = assembly.functions.find((fn) => fn.environment.TABLE_NAME)?.environment.TABLE_NAME;
  const table = assembly.tables.find((t) => t.TableName === name);
  if (!table) throw new Error('No function of the assembly names a table of the assembly in TABLE_NAME');
  return table;
}

/** Creates the case state machine, or updates it when the template's definition changed. */
export async function ensureStateMachine(
  sfn: SFNClient,
  machine: CloudAssembly['stateMachines'][number],
): Promise<void> {
  try {
    const existing = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: machine.arn }));
    if (existing.definition !== machine.definition)
      await sfn.send(
        new UpdateStateMachineCommand({ stateMachineArn: machine.arn, definition: machine.definition }),
      );
    return;
  } catch (error) {
    if ((error as Error).name !== 'StateMachineDoesNotExist') throw error;
  }
  await sfn.send(
    new CreateStateMachineCommand({
      name: machine.name,
      definition: machine.definition,
      roleArn: machine.roleArn,
    }),
  );
}
