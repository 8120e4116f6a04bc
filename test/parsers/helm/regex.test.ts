import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { out, tempChart } from './chart-fixture.js';
import { describeWithHelm, helm } from './oracle.js';

const numRuns = Number(process.env.FUZZ_RUNS ?? 200);

/** Random RE2 patterns over a small alphabet, so that matches are frequent. */
const { pattern } = fc.letrec<{ pattern: string; atom: string }>((tie) => ({
  atom: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom('a', 'b', '.', '[ab]', '[^a]', '\\d', '^', '$', '\\b', '(?:)', 'x'),
    tie('pattern').map((p) => `(${p})`),
    tie('pattern').map((p) => `(?:${p})`),
  ),
  pattern: fc
    .array(
      fc.tuple(tie('atom'), fc.constantFrom('', '', '*', '+', '?', '*?', '+?', '??', '{2}', '{1,3}', '{0,}')).map(([a, q]) => (a === '^' || a === '$' || a === '\\b' ? a : a + q)),
      { minLength: 1, maxLength: 4 },
    )
    .chain((items) => fc.constantFrom(items.join(''), items.join('|'))),
}));

/** Template lines applying random patterns to random subjects, several functions each. */
function randomRegexLines(count: number): string[] {
  const cases = fc.sample(fc.tuple(pattern, fc.stringMatching(/^[ab1 x]{0,10}$/)), { seed: 7, numRuns: count });
  return cases.map(([p, subject]) => {
    const [re, s] = [JSON.stringify(p), JSON.stringify(subject)];
    return `{{ regexFindAll ${re} ${s} -1 | toJson }} {{ regexReplaceAll ${re} ${s} "<$1>" }} {{ regexSplit ${re} ${s} -1 | toJson }}`;
  });
}

describeWithHelm('random regular expressions match exactly as in helm 3.10.1 (Go RE2)', () => {
  it('finds, replaces and splits the same', () => {
    const lines = randomRegexLines(Math.max(100, numRuns));
    const template = lines.map((l, i) => `${i}: ${l}`).join('\n');
    const chart = tempChart({ 'templates/t.yaml': template });
    const theirs = helm(['template', 'rn', chart.dir, '--debug']).stdout;
    const body = theirs.slice(theirs.indexOf('# Source: t/templates/t.yaml\n') + '# Source: t/templates/t.yaml\n'.length).split('\n').slice(0, lines.length);
    const ours = out(template).split('\n');
    lines.forEach((line, i) => expect(ours[i], line).toBe(body[i]));
  });
});

describe('the linear-time regex engine', () => {
  it('takes linear time on patterns that make backtracking engines explode', () => {
    const subject = `${'a'.repeat(5000)}!`;
    expect(out(`{{ regexMatch "(a+)+$" "${subject}" }} {{ regexMatch "(a|aa)*b" "${subject}" }} {{ regexFind "(.*a){12}" "${subject}" | len }}`)).toBe('false false 5000');
  });

  it('keeps captures of the last iteration like RE2 (JavaScript would reset them)', () => {
    expect(out('{{ regexReplaceAll "(?:(a)|b)+" "ab" "[$1]" }}')).toBe('[a]');
  });
});
