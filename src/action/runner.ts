// The Actions runner's protocol for a JavaScript action: INPUT_* variables in, workflow commands on stdout,
// outputs and the job summary through the files named by GITHUB_OUTPUT and GITHUB_STEP_SUMMARY.
import { appendFileSync } from 'node:fs';

export class InputError extends Error {}

/** `fail-on` → `INPUT_FAIL-ON`: upper-cased, spaces to underscores, hyphens kept (as the runner sets them). */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/** The input's value, trimmed; empty when unset. */
export function getInput(env: NodeJS.ProcessEnv, name: string): string {
  return (env[inputVariable(name)] ?? '').trim();
}

const TRUE = ['true', 'True', 'TRUE'];
const FALSE = ['false', 'False', 'FALSE'];

/** YAML 1.2 core-schema booleans only, like the toolkit's getBooleanInput; empty takes the default. */
export function getBooleanInput(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const value = getInput(env, name);
  if (value === '') return fallback;
  if (TRUE.includes(value)) return true;
  if (FALSE.includes(value)) return false;
  throw new InputError(`input "${name}" must be true or false; got "${value}"`);
}

export function getChoiceInput<T extends string>(env: NodeJS.ProcessEnv, name: string, allowed: readonly T[]): T | undefined {
  const value = getInput(env, name);
  if (value === '') return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new InputError(`input "${name}" must be one of ${allowed.join(', ')}; got "${value}"`);
  return value as T;
}

/** A command's message: the runner decodes %25, %0D and %0A. */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A command's property value: also `:` and `,`, which delimit properties. */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export type CommandProperties = Record<string, string | number | undefined>;

/** `::error file=a.yaml,line=3::message` */
export function workflowCommand(name: string, message: string, properties: CommandProperties = {}): string {
  const props = Object.entries(properties)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== '')
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(',');
  return `::${name}${props === '' ? '' : ` ${props}`}::${escapeData(message)}\n`;
}

/** A heredoc delimiter absent from the value, so that a value cannot end early or inject another output. */
function delimiterFor(value: string): string {
  let delimiter = 'EVIDENT_EOF';
  for (let n = 1; value.includes(delimiter); n++) delimiter = `EVIDENT_EOF_${n}`;
  return delimiter;
}

/** `name<<DELIMITER\nvalue\nDELIMITER\n` for each output: safe for multi-line values. */
export function formatOutputs(outputs: Record<string, string>): string {
  return Object.entries(outputs)
    .map(([name, value]) => {
      const delimiter = delimiterFor(value);
      return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
    })
    .join('');
}

/** Appends to the runner's file; false when the runner did not name one (a local run). */
export function appendRunnerFile(env: NodeJS.ProcessEnv, variable: 'GITHUB_OUTPUT' | 'GITHUB_STEP_SUMMARY', content: string): boolean {
  const file = env[variable];
  if (file === undefined || file === '') return false;
  appendFileSync(file, content, 'utf8');
  return true;
}
