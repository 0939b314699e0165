import test from 'ava';
import { checkRule, type Rule } from '../../src/rules/rule.js';
import { suggestedLabels } from '../../src/triage/comment.js';
import type { Diagnosis } from '../../src/model.js';

const good = {
  id: 'demo-rule', title: 'Demo', severity: 'warning', status: 'stable', article: 'demo-rule', tags: [], references: ['libi2pd/SSU2.cpp'],
  conditions: { all: [{ fact: 'ssu2.socket-open-failed', path: '$.count', operator: 'greaterThan', value: 0 }] },
};

test('a rule may name the labels to suggest on the issue tracker', (t) => {
  t.deepEqual(checkRule({ ...good, labels: ['network', 'os: freebsd'] }), []);
  const errs = checkRule({ ...good, labels: ['network', 7, ''] });
  t.true(errs.some((e) => e.startsWith('$.labels[1]:')), errs.join('\n'));
  t.true(errs.some((e) => e.startsWith('$.labels[2]:')), errs.join('\n'));
  t.true(errs.some((e) => /label/.test(e)), 'the message says what the field is for');
});

function d(rule: string, status: Diagnosis['status']): Pick<Diagnosis, 'rule' | 'status'> {
  return { rule, status };
}

test('suggested labels: those of the confirmed and likely findings, once each, without those the issue has', (t) => {
  const rules = new Map<string, Pick<Rule, 'labels'>>([
    ['a', { labels: ['network', 'freebsd'] }],
    ['b', { labels: ['Network', 'ssu2'] }],
    ['c', { labels: ['crash'] }],
    ['e', {}],
  ]);
  t.deepEqual(suggestedLabels([d('a', 'confirmed'), d('b', 'likely'), d('c', 'cannot-tell'), d('e', 'confirmed')], rules, ['FreeBSD']), ['network', 'ssu2']);
});
