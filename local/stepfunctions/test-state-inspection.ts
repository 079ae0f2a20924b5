/**
 * TestState's inspectionData (TEST-STATE.md "inspectionData per level"): what the data flow
 * recorded while the state ran, shaped per state type as AWS answers it, with JSON values as JSON
 * text and the numbers (errorDetails, Map settings) as numbers. TRACE answers what DEBUG answers:
 * the engine has no HTTP Task, the only state AWS adds request/response for.
 */
import type { InspectionData, InspectionErrorDetails } from '@aws-sdk/client-sfn';
import type { QueryLanguage, StateDefinition } from './definition.ts';
import type { Json, JsonObject } from './json.ts';
import type { Inspection } from './state-run.ts';

/** Fields holding a JSON value, sent as JSON text, in the order a state computes them. */
const JSON_FIELDS = [
  'input',
  'afterInputPath',
  'afterItemsPath',
  'afterItemSelector',
  'afterItemBatcher',
  'afterItemsPointer',
  'afterParameters',
  'afterArguments',
  'result',
  'afterResultSelector',
  'afterResultPath',
] as const;

const NUMBER_FIELDS = ['maxConcurrency', 'toleratedFailureCount', 'toleratedFailurePercentage'] as const;

export function inspectionData(
  state: StateDefinition,
  language: QueryLanguage,
  recorded: Inspection,
  variables: JsonObject,
): InspectionData {
  const fields = shapeForState(state, language, { ...recorded });
  const data: InspectionData = {};
  for (const name of JSON_FIELDS) {
    const value = fields[name];
    if (value !== undefined) data[name] = JSON.stringify(value);
  }
  for (const name of NUMBER_FIELDS) {
    const value = fields[name];
    if (typeof value === 'number') data[name] = value;
  }
  if (Object.keys(variables).length > 0) data.variables = JSON.stringify(variables);
  if (fields.errorDetails !== undefined) data.errorDetails = fields.errorDetails as InspectionErrorDetails;
  return data;
}

/** Which of the recorded steps AWS shows for the state, and the ones it shows that the flow does not record. */
function shapeForState(state: StateDefinition, language: QueryLanguage, fields: Inspection): Inspection {
  // Without a ResultSelector, the selected result is the result itself.
  if (language === 'JSONPath' && fields.result !== undefined && fields.afterResultSelector === undefined)
    fields.afterResultSelector = fields.result;
  switch (state.Type) {
    case 'Pass':
      // A JSONPath Pass shows `result` only for a literal Result; a JSONata Pass only its input.
      if (language === 'JSONata' || state.Result === undefined) delete fields.result;
      if (language === 'JSONata') delete fields.afterArguments;
      break;
    case 'Fail':
      // A Fail state has no InputPath: AWS shows its input unchanged.
      if (language === 'JSONPath') fields.afterInputPath = fields.input as Json;
      break;
    case 'Map':
      delete fields.result;
      break;
  }
  return fields;
}
