// The JSON Schema of rules/derived/*.json (docs/formats.md, "Derived facts"), one of SCHEMAS.
import { BASE, KEBAB, nonEmpty } from './common.js';

// Shared by reference: Ajv compiles a $ref once, where a spread copy would be compiled at each use
// (the validators are bundled into the page).
const os = { $ref: '#/$defs/os' };
const cite = { $ref: '#/$defs/source' };
const factName = { $ref: '#/$defs/fact' };

/** A list of things that each point to one platform: `{"<key>": …, "os", "source"}`. */
const toPlatform = (description: string, key: string, value: object) => ({
  type: 'array',
  description,
  items: { type: 'object', additionalProperties: false, required: [key, 'os', 'source'], properties: { [key]: value, os, source: cite } },
});

export const derivedSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: `${BASE}/derived.schema.json`,
  title: 'i2pd-doctor derived facts',
  description: 'Facts derived from other facts: the platforms and what tells them, values computed from derived facts (rules/derived/<name>.json); see docs/formats.md',
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string', description: 'the path to derived.schema.json, e.g. "../../schemas/derived.schema.json"' },
    description: nonEmpty('what the facts of this file have in common'),
    platforms: {
      type: 'object',
      description: 'platforms a report can name, by kebab-case name, each with the broader platform it belongs to if any: {"openwrt": {"family": "linux"}}',
      propertyNames: { pattern: KEBAB, description: 'platform names are kebab-case' },
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        properties: { family: os },
      },
    },
    errno: {
      type: 'array',
      description: 'errno numbers of "[system:N]" in error texts that only one platform uses',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['os', 'source'],
        anyOf: [{ required: ['codes'] }, { required: ['from', 'to'] }],
        description: 'give "codes" (a list of numbers) or "from" and "to" (a range, both included)',
        properties: {
          os,
          codes: { type: 'array', minItems: 1, items: { type: 'integer', minimum: 0 }, description: 'errno numbers, e.g. [55, 48]' },
          from: { type: 'integer', minimum: 0, description: 'the first number of a range, e.g. 10000' },
          to: { type: 'integer', minimum: 0, description: 'the last number of a range, e.g. 10099' },
          source: cite,
        },
      },
    },
    headerPaths: toPlatform('where Boost\'s headers sit, as "[system:N at <path>]" shows it, per platform; the first prefix that fits is taken', 'prefix', { type: 'string', pattern: '^/', description: 'the start of the path, e.g. "/usr/local/include/"' }),
    modules: toPlatform('i2pd modules that exist on one platform only', 'module', { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9]*$', description: 'the module prefix of its lines, e.g. "Win32Service"' }),
    compare: {
      type: 'array',
      description: 'comparisons of two numeric derived facts, "left op times × right", applied when both are numbers',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['left', 'op', 'right', 'meaning', 'source'],
        anyOf: [{ required: ['set'] }, { required: ['hint'] }],
        description: 'give "set" (the derived fact that holds the outcome, true or false) or "hint" (a platform the outcome points to when true)',
        properties: {
          left: factName,
          op: { enum: ['lessThan', 'greaterThan'], description: 'one of lessThan, greaterThan' },
          times: { type: 'number', exclusiveMinimum: 0, description: 'what right is multiplied by first; 1 when left out' },
          right: factName,
          set: factName,
          hint: os,
          weight: { type: 'integer', minimum: 1, description: 'how many lines of hint the outcome is worth; 1 when left out' },
          meaning: nonEmpty('one line: why the comparison says what it says'),
          source: cite,
        },
      },
    },
  },
  $defs: {
    os: { type: 'string', pattern: KEBAB, description: 'a platform name: a key of "platforms" in this file or another of rules/derived/' },
    source: nonEmpty('where the knowledge comes from: the i2pd source file ("libi2pd/SSU2.cpp") or the section of shared/i2pd-reference.md'),
    fact: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9]*$', not: { enum: ['constructor', 'prototype'] }, description: 'the name of a derived fact, e.g. "ssu2GotBuffer" (not "constructor" or "prototype")' },
  },
} as const;
