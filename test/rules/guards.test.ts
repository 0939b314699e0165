import test from 'ava';
import { factsOf, guardsOf, type ResultNode } from '../../src/rules/guards.js';

const leaf = (fact: string, result: boolean | undefined, value: unknown = 0): ResultNode => ({ fact, path: '$.count', operator: 'greaterThan', value, result });

test('guards: any false child of an all guards it; an any needs all its children false; nothing under a not guards', (t) => {
  t.deepEqual([...guardsOf({ all: [leaf('a', false), leaf('b', true)] })], ['a']);
  t.deepEqual([...guardsOf({ any: [leaf('a', false), leaf('b', false)] })], []);
  t.deepEqual([...guardsOf({ any: [{ all: [leaf('a', false), leaf('b', false)] }, leaf('a', false)] })], ['a']);
  t.deepEqual([...guardsOf({ all: [{ not: leaf('a', false) }] })], []);
});

test('guards: a leaf not evaluated, over config or stats, or compared with another fact never guards', (t) => {
  t.deepEqual([...guardsOf({ all: [leaf('a', undefined), leaf('config', false), leaf('stats', false), leaf('b', false, { fact: 'c' })] })], []);
  t.deepEqual([...factsOf({ all: [{ fact: 'b', operator: 'lessThan', value: { fact: 'c', path: '$.count' } }, { not: { fact: 'config', operator: 'equal', value: 1 } }] })], ['b', 'c', 'config']);
});
