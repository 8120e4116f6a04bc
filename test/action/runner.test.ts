import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOutputs } from './pull-request.js';
import { readInputs } from '../../src/action/inputs.js';
import {
  appendRunnerFile,
  escapeData,
  escapeProperty,
  formatOutputs,
  getBooleanInput,
  getInput,
  InputError,
  inputVariable,
  workflowCommand,
} from '../../src/action/runner.js';

describe('inputs', () => {
  it('are read from the variables the runner sets: upper case, spaces to underscores, hyphens kept', () => {
    expect(inputVariable('fail-on')).toBe('INPUT_FAIL-ON');
    expect(inputVariable('github-token')).toBe('INPUT_GITHUB-TOKEN');
    expect(inputVariable('my input')).toBe('INPUT_MY_INPUT');
    expect(getInput({ 'INPUT_FAIL-ON': '  critical \n' }, 'fail-on')).toBe('critical');
    expect(getInput({}, 'fail-on')).toBe('');
  });

  it('accept the YAML booleans the toolkit accepts, and nothing else', () => {
    expect(getBooleanInput({ INPUT_COMMENT: 'False' }, 'comment', true)).toBe(false);
    expect(getBooleanInput({ INPUT_COMMENT: 'TRUE' }, 'comment', false)).toBe(true);
    expect(getBooleanInput({ INPUT_COMMENT: '' }, 'comment', true)).toBe(true);
    expect(() => getBooleanInput({ INPUT_COMMENT: 'yes' }, 'comment', true)).toThrow(new InputError('input "comment" must be true or false; got "yes"'));
  });

  it('take the defaults of action.yml when the runner passes them empty', () => {
    expect(readInputs({})).toEqual({ paths: ['.'], mode: 'new', comment: true, annotations: true, sarifFile: 'evident.sarif', token: '' });
  });

  it('split paths on lines and commas and validate the choices', () => {
    const inputs = readInputs({
      INPUT_PATHS: 'k8s\n infrastructure , charts/api\n\n',
      'INPUT_FAIL-ON': 'medium',
      INPUT_MODE: 'all',
      INPUT_CONFIG: 'ci/evident.yaml',
      'INPUT_EVIDENCE-DIR': 'evidence',
      'INPUT_SARIF-FILE': 'out/evident.sarif',
      INPUT_ANNOTATIONS: 'false',
      'INPUT_GITHUB-TOKEN': 'ghs_x',
    });
    expect(inputs).toEqual({
      paths: ['k8s', 'infrastructure', 'charts/api'],
      config: 'ci/evident.yaml',
      failOn: 'medium',
      mode: 'all',
      comment: true,
      annotations: false,
      sarifFile: 'out/evident.sarif',
      evidenceDir: 'evidence',
      token: 'ghs_x',
    });
    expect(() => readInputs({ INPUT_MODE: 'changed' })).toThrow('input "mode" must be one of new, all; got "changed"');
    expect(() => readInputs({ 'INPUT_FAIL-ON': 'severe' })).toThrow('input "fail-on" must be one of low, medium, high, critical, none; got "severe"');
  });
});

describe('workflow commands', () => {
  it('escape %, CR and LF in messages, and also : and , in properties', () => {
    expect(escapeData('100% done\r\nnext')).toBe('100%25 done%0D%0Anext');
    expect(escapeProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
    expect(workflowCommand('error', 'line one\nline two', { file: 'k8s/a,b.yaml', line: 28, col: undefined, title: 'EVD-WKL-001: x' })).toBe(
      '::error file=k8s/a%2Cb.yaml,line=28,title=EVD-WKL-001%3A x::line one%0Aline two\n',
    );
    expect(workflowCommand('endgroup', '')).toBe('::endgroup::\n');
  });
});

describe('outputs', () => {
  it('are written as heredocs the runner reads back exactly, even multi-line or containing the delimiter', () => {
    const tricky = 'first\nEVIDENT_EOF\nsecret<<EVIDENT_EOF';
    const text = formatOutputs({ findings: '11', 'new-findings': '1', note: tricky, empty: '' });
    expect(parseOutputs(text)).toEqual({ findings: '11', 'new-findings': '1', note: tricky, empty: '' });
    expect(text.startsWith('findings<<EVIDENT_EOF\n11\nEVIDENT_EOF\n')).toBe(true);
  });

  it('are appended to the file GITHUB_OUTPUT names, and skipped when there is none', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'evident-runner-'));
    try {
      const file = path.join(dir, 'output');
      expect(appendRunnerFile({ GITHUB_OUTPUT: file }, 'GITHUB_OUTPUT', formatOutputs({ a: '1' }))).toBe(true);
      expect(appendRunnerFile({ GITHUB_OUTPUT: file }, 'GITHUB_OUTPUT', formatOutputs({ b: '2' }))).toBe(true);
      expect(parseOutputs(readFileSync(file, 'utf8'))).toEqual({ a: '1', b: '2' });
      expect(appendRunnerFile({}, 'GITHUB_OUTPUT', 'x')).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
