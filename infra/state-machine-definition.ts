import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/**
 * ASL files and their `${Placeholder}` substitutions. Every ARN or name in a definition is a
 * placeholder, filled here from the task functions (`${<Pascal>FunctionArn}` for
 * `functions/handlers/tasks/<kebab>.ts`, the ARN of its `live` alias) and a few stack values
 * (`${Partition}` …).
 */

export const STATE_MACHINES_DIR = 'statemachines';

/**
 * The alias of each task function that the definitions invoke (`${<Pascal>FunctionArn}` is filled
 * with its ARN), and the alias of each state machine that new executions start through. Both point
 * at the version the last deploy published; rolling back is pointing them at an earlier one
 * (docs/operations.md, statemachines/README.md).
 */
export const TASK_FUNCTION_ALIAS = 'live';
export const STATE_MACHINE_ALIAS = 'live';

export interface AslFile {
  /** `icp-case` for `statemachines/icp-case.asl.json`. */
  name: string;
  path: string;
  placeholders: string[];
}

/** The `${Name}` placeholders of an ASL text, sorted and unique. */
export function aslPlaceholders(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(/\$\{([A-Za-z0-9_]+)\}/g)) {
    if (match[1]) names.add(match[1]);
  }
  return [...names].sort();
}

/** Every `*.asl.json` in `dir` (none when the folder is absent). */
export function findAslFiles(dir: string): AslFile[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((name) => name.endsWith('.asl.json'))
    .sort()
    .map((file) => {
      const path = join(dir, file);
      const text = readFileSync(path, 'utf8');
      JSON.parse(text); // a broken definition fails the synth, not the deploy
      return { name: basename(file, '.asl.json'), path, placeholders: aslPlaceholders(text) };
    });
}

/**
 * Picks a value for each placeholder from `available`; throws naming every placeholder that has
 * none, so an ASL that references a task without a handler fails at synth time.
 */
export function resolveSubstitutions(
  asl: Pick<AslFile, 'name' | 'placeholders'>,
  available: Record<string, string>,
): Record<string, string> {
  const missing = asl.placeholders.filter((name) => !(name in available));
  if (missing.length > 0) {
    throw new Error(
      `statemachine ${asl.name}: no value for ${missing.map((name) => `\${${name}}`).join(', ')}. ` +
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the message shows the ASL placeholder syntax
        'Task placeholders are ${<PascalName>FunctionArn} for functions/handlers/tasks/<kebab-name>.ts ' +
        `listed in infra/handlers.ts; stack values: ${Object.keys(available)
          .filter((key) => !key.endsWith('FunctionArn'))
          .join(', ')}.`,
    );
  }
  return Object.fromEntries(asl.placeholders.map((name) => [name, available[name] as string]));
}
