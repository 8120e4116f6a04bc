import { FAIL_ON, type FailOn } from '../cli/gate.js';
import { MODES, type Mode } from './outcome.js';
import { getBooleanInput, getChoiceInput, getInput } from './runner.js';

/** The action's inputs (action.yml), validated. */
export interface ActionInputs {
  /** Files or directories to scan, relative to the workspace. */
  paths: string[];
  config?: string;
  /** Unset: the config file's `failOn`, else high. */
  failOn?: FailOn;
  mode: Mode;
  comment: boolean;
  annotations: boolean;
  sarifFile: string;
  evidenceDir?: string;
  token: string;
}

/** One path per line or comma-separated. */
function list(value: string): string[] {
  return value
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

export function readInputs(env: NodeJS.ProcessEnv): ActionInputs {
  const paths = list(getInput(env, 'paths'));
  const config = getInput(env, 'config');
  const failOn = getChoiceInput(env, 'fail-on', FAIL_ON);
  const evidenceDir = getInput(env, 'evidence-dir');
  return {
    paths: paths.length > 0 ? paths : ['.'],
    ...(config === '' ? {} : { config }),
    ...(failOn === undefined ? {} : { failOn }),
    mode: getChoiceInput(env, 'mode', MODES) ?? 'new',
    comment: getBooleanInput(env, 'comment', true),
    annotations: getBooleanInput(env, 'annotations', true),
    sarifFile: getInput(env, 'sarif-file') || 'evident.sarif',
    ...(evidenceDir === '' ? {} : { evidenceDir }),
    token: getInput(env, 'github-token'),
  };
}
