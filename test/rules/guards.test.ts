import test from 'ava';
import { guardsOf, type ResultNode } from '../../src/rules/guards.js';
import { factsOf } from '../../src/rules/rule.js';

const leaf = (fact: string, result: boolean | undefined, value: unknown = 0): ResultNode => ({ fact, path: '$.count', operator: 'greaterThan', value, result });

test('guards: any false child of an all guards it; nothing under a not guards', (t) => {
  t.deepEqual(guardsOf({ all: [leaf('a', false), leaf('b', true)] }), [['a']]);
  t.deepEqual(guardsOf({ all: [leaf('b', false), leaf('a', false)] }), [['a'], ['b']]);
  t.deepEqual(guardsOf({ all: [{ not: leaf('a', false) }] }), []);
});

test('guards: an any is guarded by one guard of each child together, and not at all if a child has none', (t) => {
  t.deepEqual(guardsOf({ any: [leaf('b', false), leaf('a', false)] }), [['a', 'b']]);
  t.deepEqual(guardsOf({ any: [{ all: [leaf('a', false), leaf('c', false)] }, leaf('a', false)] }), [['a']]);
  t.deepEqual(guardsOf({ any: [leaf('a', false), leaf('b', true)] }), []);
  t.deepEqual(guardsOf({ any: [leaf('a', false), { not: leaf('b', false) }] }), []);
  t.deepEqual(guardsOf({ any: [] }), []);
  // An all of an any and one of its signals: the smaller guard implies the larger.
  t.deepEqual(guardsOf({ all: [{ any: [leaf('a', false), leaf('b', false)] }, leaf('a', false)] }), [['a']]);
  const many = Array.from({ length: 17 }, (_, i) => leaf(`s${String(i).padStart(2, '0')}`, false));
  t.deepEqual(guardsOf({ any: many }), [], 'seventeen signals: a case would rarely miss them all');
  t.is(guardsOf({ any: many.slice(1) })[0].length, 16);
});

test('guards: a leaf not evaluated, over config or stats, or compared with another fact never guards', (t) => {
  t.deepEqual(guardsOf({ all: [leaf('a', undefined), leaf('config', false), leaf('stats', false), leaf('b', false, { fact: 'c' })] }), []);
  t.deepEqual([...factsOf({ all: [{ fact: 'b', operator: 'lessThan', value: { fact: 'c', path: '$.count' } }, { not: { fact: 'config', operator: 'equal', value: 1 } }] })], ['b', 'c', 'config']);
});
