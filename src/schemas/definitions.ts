// The JSON Schemas of the content formats (docs/formats.md). This module is their one source:
// `npm run schemas` writes them to schemas/*.json for editors, a test keeps the files in sync,
// and the loader and `rules lint` validate with them. Each `description` doubles as the fix an
// error message suggests, so write it as advice.
import { LEVEL_BY_RANK, SEVERITIES } from '../model.js';
import { BASE, KEBAB, nonEmpty } from './common.js';
import { derivedSchema } from './derived.js';

/** json-rules-engine's own operators. */
const BUILTIN_OPERATORS = [
  'equal', 'notEqual', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive',
  'in', 'notIn', 'contains', 'doesNotContain',
] as const;
/** The operators rules need beyond those, which src/rules/operators.ts implements: the schema is
 * the contract content is checked against, so it names them and the rule stage follows it. */
export const OWN_OPERATORS = ['includesText', 'matchesPattern', 'versionBelow', 'versionAtLeast'] as const;

export const RULE_STATUSES = ['experimental', 'test', 'stable', 'deprecated'] as const;
const KINDS = ['log', 'crash', 'systemd', 'kernel', 'console', 'raw'];
const strings = (description: string, minItems = 0) => ({ type: 'array', items: { type: 'string', minLength: 1 }, minItems, description });

const branch = (key: 'all' | 'any' | 'not') => ({
  properties: {
    [key]: key === 'not'
      ? { $ref: '#/$defs/condition' }
      : { type: 'array', minItems: 1, items: { $ref: '#/$defs/condition' }, description: `"${key}" takes a non-empty array of conditions` },
  },
  additionalProperties: false,
  required: [key],
});

export const ruleSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: `${BASE}/rule.schema.json`,
  title: 'i2pd-doctor rule',
  description: 'One rule per file (rules/<area>/<id>.json); see docs/formats.md',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'title', 'severity', 'status', 'article', 'tags', 'references', 'conditions'],
  properties: {
    $schema: { type: 'string', description: 'the path to rule.schema.json, e.g. "../../schemas/rule.schema.json"' },
    id: { type: 'string', pattern: KEBAB, description: 'kebab-case (a-z, 0-9, single dashes), equal to the file name without .json' },
    title: nonEmpty('one line a user understands, naming the problem'),
    severity: { enum: [...SEVERITIES], description: `one of ${SEVERITIES.join(', ')} ("info" for scary-looking but harmless messages)` },
    status: { enum: [...RULE_STATUSES], description: `one of ${RULE_STATUSES.join(', ')}; a new rule starts as "experimental"` },
    article: { type: 'string', pattern: KEBAB, description: 'the id of the article in kb/<article>.md that explains the problem' },
    tags: strings('an array of lower-case words to search by, e.g. ["ssu2", "freebsd"]'),
    references: strings('name at least one i2pd source file that prints the message (libi2pd/SSU2.cpp) or an issue URL', 1),
    conditions: { allOf: [{ $ref: '#/$defs/condition' }, { not: { required: ['fact'] }, description: 'wrap the top level in "all", "any" or "not"' }] },
    ask: { type: 'object', additionalProperties: { type: 'string', minLength: 1 }, description: 'per unknown fact ("config.floodfill"), the question that would confirm the rule' },
    explains: strings('ids of rules whose findings follow from this one'),
    context: strings('facts (signature ids, "config", "env", "stats", "derived") whose conditions make the rule apply — the platform, the version banner — without showing that the problem happened: they are required, but they are not evidence'),
    affected: nonEmpty('the version range that has the bug, e.g. ">= 2.51.0 < 2.53.0"'),
    fixedIn: nonEmpty('the release that fixed the bug, e.g. "2.53.0"'),
    labels: {
      type: 'array', uniqueItems: true, items: { type: 'string', minLength: 1, maxLength: 50 },
      description: 'issue-tracker labels that `i2pd-doctor triage` suggests when the rule fires, e.g. ["network", "freebsd"] (non-empty text, at most 50 characters, as GitHub allows)',
    },
    replacedBy: { type: 'string', pattern: KEBAB, description: 'the id of the rule that replaces this deprecated one' },
    override: { type: 'boolean', description: 'true to replace the rule of the same id from an earlier pack' },
  },
  if: { properties: { status: { const: 'deprecated' } }, required: ['status'] },
  then: { required: ['replacedBy'], description: 'a deprecated rule names its replacement in "replacedBy"' },
  $defs: {
    condition: {
      type: 'object',
      description: 'a condition is {"all": [...]}, {"any": [...]}, {"not": {...}} or {"fact", "operator", "value"}',
      if: { required: ['all'] },
      then: branch('all'),
      else: {
        if: { required: ['any'] },
        then: branch('any'),
        else: { if: { required: ['not'] }, then: branch('not'), else: { $ref: '#/$defs/leaf' } },
      },
    },
    leaf: {
      type: 'object',
      required: ['fact', 'operator', 'value'],
      additionalProperties: false,
      properties: {
        fact: nonEmpty('a signature id ("ssu2.socket-open-failed"), "config", "env", "derived" or "stats"'),
        path: { type: 'string', pattern: '^\\$', description: 'a JSON path into the fact, e.g. "$.count" or "$.captures.reason"' },
        operator: { enum: [...BUILTIN_OPERATORS, ...OWN_OPERATORS], description: `one of ${[...BUILTIN_OPERATORS, ...OWN_OPERATORS].join(', ')}` },
        value: { description: 'the value to compare with, or {"fact": "<id>", "path": "$.first.t"} to compare two facts' },
        params: { type: 'object', description: 'parameters passed to the fact' },
        name: { type: 'string', description: 'a label for the condition' },
        priority: { type: 'integer', minimum: 1, description: 'json-rules-engine evaluation priority' },
      },
    },
  },
} as const;

const sets = {
  type: 'object',
  description: 'facts the message reveals: {"config.floodfill": true} or {"derived.x": {"capture": "name", "as": "number"}}',
  propertyNames: { pattern: '^(config|env|derived)\\.[A-Za-z0-9_.-]+$', description: 'keys start with "config.", "env." or "derived."' },
  additionalProperties: {
    anyOf: [
      { type: ['string', 'number', 'boolean'] },
      {
        type: 'object', required: ['capture'], additionalProperties: false,
        properties: { capture: { type: 'string', minLength: 1 }, as: { enum: ['string', 'number'] } },
      },
    ],
    description: 'a fixed value, or {"capture": "<group name>", "as": "number"}',
  },
};

export const signaturesSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: `${BASE}/signatures.schema.json`,
  title: 'i2pd-doctor signatures',
  description: 'The messages one i2pd module prints that matter (rules/signatures/<module>.json); see docs/formats.md',
  type: 'object',
  additionalProperties: false,
  required: ['signatures'],
  properties: {
    $schema: { type: 'string', description: 'the path to signatures.schema.json, e.g. "../../schemas/signatures.schema.json"' },
    module: { type: 'string', description: 'the module prefix of the messages ("SSU2"), "*" for any module, "" for none' },
    kind: { enum: KINDS, description: `one of ${KINDS.join(', ')}` },
    signatures: { type: 'array', minItems: 1, items: { $ref: '#/$defs/signature' }, description: 'a non-empty array of signatures' },
  },
  $defs: {
    signature: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'literal', 'source', 'meaning'],
      properties: {
        id: { type: 'string', pattern: '^[a-z0-9]+(?:[-_][a-z0-9]+)*\\.[a-z0-9]+(?:-[a-z0-9]+)*$', description: '"<module>.<kebab-name>" in lower case, e.g. "ssu2.socket-open-failed"' },
        kind: { enum: KINDS, description: `one of ${KINDS.join(', ')}` },
        module: { type: 'string', description: 'the module prefix, overriding the file\'s' },
        levels: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: [...LEVEL_BY_RANK] }, description: `levels the message is printed at: ${LEVEL_BY_RANK.join(', ')}` },
        literal: { type: 'string', minLength: 3, description: 'a lower-case fixed part of the message (3 characters or more), tested before the pattern' },
        pattern: nonEmpty('a JavaScript regular expression for the message after "Module: ", matched case-insensitively'),
        sets,
        source: nonEmpty('the i2pd source file that prints the message, e.g. "libi2pd/SSU2.cpp"'),
        since: { type: 'string', pattern: '^\\d+\\.\\d+\\.\\d+$', description: 'the first i2pd version that prints it, e.g. "2.51.0"' },
        until: { type: 'string', pattern: '^\\d+\\.\\d+\\.\\d+$', description: 'the last i2pd version that printed it, e.g. "2.44.0"' },
        startup: { type: 'boolean', description: 'true when the message is printed only while i2pd starts' },
        marks: { enum: ['run-start', 'run-end', 'status'], description: '"run-start" for the message that opens a run (the version banner), "run-end" for the one that begins an orderly stop, "status" for one that reports the router\'s network status (the timeline marks where its text changes)' },
        meaning: nonEmpty('one line: what the message means'),
        override: { type: 'boolean', description: 'true to replace the signature of the same id from an earlier pack' },
      },
    },
  },
} as const;

export const articleSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: `${BASE}/article.schema.json`,
  title: 'i2pd-doctor article front matter',
  description: 'The YAML front matter of kb/<id>.md; see docs/formats.md',
  type: 'object',
  required: ['id', 'title', 'applies-to'],
  properties: {
    id: { type: 'string', pattern: KEBAB, description: 'kebab-case, equal to the file name without .md' },
    title: nonEmpty('one line naming the problem'),
    'applies-to': { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 }, description: 'the systems it applies to, e.g. [FreeBSD, Linux] or [all]' },
    versions: nonEmpty('the i2pd versions affected, e.g. ">= 2.51.0"'),
    rules: strings('ids of the rules that link to this article'),
    override: { type: 'boolean', description: 'true to replace the article of the same id from an earlier pack' },
  },
} as const;

const VERSION = '^\\d+\\.\\d+\\.\\d+$';
const reason = (description: string) => ({ type: 'string', minLength: 12, description });
const SKIP = 'why the message is not worth a signature, true to the code around the call (e.g. "per-peer protocol noise: one malformed packet from one peer, dropped")';
const TODO = 'why the message deserves a signature that nobody has written yet (counted as not covered)';
const ONE_OF = 'give exactly one of "skip" (not worth a signature, and why), "todo" (deserves a signature, and why), "signature" (the id of a signature that recognises it) or "group" (a key of this file\'s "groups")';

export const catalogueSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: `${BASE}/catalogue.schema.json`,
  title: 'i2pd-doctor message catalogue',
  description: 'i2pd messages at critical, error and warn that no signature fits, each with what to do about it (rules/catalogue/<module>.json); see docs/formats.md',
  type: 'object',
  additionalProperties: false,
  required: ['messages'],
  properties: {
    $schema: { type: 'string', description: 'the path to catalogue.schema.json, e.g. "../../schemas/catalogue.schema.json"' },
    description: nonEmpty('what the messages of this file have in common'),
    groups: {
      type: 'object',
      description: 'reasons shared by several messages, by a kebab-case key: {"peer-noise": {"skip": "…"}}',
      propertyNames: { pattern: KEBAB, description: 'group keys are kebab-case' },
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        properties: { skip: reason(SKIP), todo: reason(TODO) },
        anyOf: [{ required: ['skip'] }, { required: ['todo'] }],
        description: 'a group gives "skip" or "todo" with its reason',
      },
    },
    messages: { type: 'array', minItems: 1, items: { $ref: '#/$defs/message' }, description: 'a non-empty array of messages' },
  },
  $defs: {
    message: {
      type: 'object',
      additionalProperties: false,
      required: ['template'],
      anyOf: [{ required: ['skip'] }, { required: ['todo'] }, { required: ['signature'] }, { required: ['group'] }],
      description: ONE_OF,
      properties: {
        template: nonEmpty('the message as i2pd prints it with each argument as {}, module prefix included: "SSU2: Unknown block type {}"'),
        levels: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: ['critical', 'error', 'warn'] }, description: 'levels it is printed at: critical, error, warn' },
        source: nonEmpty('the i2pd source file that prints it, e.g. "libi2pd/SSU2Session.cpp"'),
        since: { type: 'string', pattern: VERSION, description: 'the first release that prints it, e.g. "2.44.0"' },
        until: { type: 'string', pattern: VERSION, description: 'the last release that printed it, e.g. "2.44.0"; leave out while it is printed' },
        skip: reason(SKIP),
        todo: reason(TODO),
        signature: { type: 'string', pattern: '^[a-z0-9]+(?:[-_][a-z0-9]+)*\\.[a-z0-9]+(?:-[a-z0-9]+)*$', description: 'the id of the signature that recognises it, when its literal or pattern holds for some of its arguments only' },
        group: { type: 'string', pattern: KEBAB, description: 'a key of this file\'s "groups", whose reason applies' },
      },
    },
  },
} as const;

export const SCHEMAS = { rule: ruleSchema, signatures: signaturesSchema, article: articleSchema, catalogue: catalogueSchema, derived: derivedSchema } as const;
export type SchemaName = keyof typeof SCHEMAS;
