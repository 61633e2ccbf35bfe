import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { agentTools } from '../../../src/agentTools/toolCatalog';
import { contextKeys } from '../../../src/workbench/ids';

interface PropertySchema {
  type: 'string' | 'integer' | 'boolean';
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  enum?: string[];
  description?: string;
}

interface ToolContribution {
  name: string;
  toolReferenceName: string;
  displayName: string;
  userDescription: string;
  modelDescription: string;
  when: string;
  tags: string[];
  icon: string;
  inputSchema: { type: 'object'; properties: Record<string, PropertySchema>; required?: string[]; additionalProperties: boolean };
}

const root = join(__dirname, '..', '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { contributes: { languageModelTools: ToolContribution[] } };
const contributions = manifest.contributes.languageModelTools;

/** Whether a value passes the property's JSON schema (the subset the contributions use). */
function schemaAccepts(schema: PropertySchema, value: unknown): boolean {
  switch (schema.type) {
    case 'string':
      if (typeof value !== 'string') return false;
      if (schema.minLength !== undefined && value.length < schema.minLength) return false;
      if (schema.maxLength !== undefined && value.length > schema.maxLength) return false;
      if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) return false;
      if (schema.enum && !schema.enum.includes(value)) return false;
      return true;
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) && (schema.minimum === undefined || value >= schema.minimum) && (schema.maximum === undefined || value <= schema.maximum);
    case 'boolean':
      return typeof value === 'boolean';
  }
}

/** Values worth trying for a property: valid ones, each boundary, and what a model might send instead. */
function candidates(field: string, schema: PropertySchema): unknown[] {
  switch (schema.type) {
    case 'string': {
      if (schema.enum) return [...schema.enum, schema.enum[0].toUpperCase(), '', 'asleep', 3];
      if (field === 'roleArn') {
        return ['arn:aws:iam::123456789012:role/SchedulerRole', 'arn:aws-cn:iam::123456789012:role/service-role/Scheduler', 'SchedulerRole', 'arn:aws:iam::1234:role/x', 'arn:aws:iam::123456789012:user/x', `arn:aws:iam::123456789012:role/${'r'.repeat(513)}`, '', 42];
      }
      if (field === 'timeZone') return ['Europe/Paris', 'UTC', 'America/New_York', '', 3];
      return ['demo-llama', 'a', 'A1', 'x'.repeat(63), 'x'.repeat(64), '-lead', 'trail-', 'two--hyphens', 'under_score', 'dot.ted', 'spa ce', 'ünï', '', 12, null];
    }
    case 'integer':
      return [schema.minimum, schema.maximum, (schema.minimum ?? 0) - 1, (schema.maximum ?? 0) + 1, 1.5, '3', null];
    case 'boolean':
      return [true, false, 'true', 1];
  }
}

describe('the language model tools: package.json contributions and the tools registered', () => {
  it('contributes each registered tool once, in the same order, and nothing else', () => {
    assert.deepEqual(
      contributions.map((tool) => tool.name),
      agentTools.map((tool) => tool.name),
    );
    assert.equal(new Set(contributions.map((tool) => tool.toolReferenceName)).size, contributions.length);
  });

  it('hides every tool until connected, and describes each for the model and the user', () => {
    for (const tool of contributions) {
      assert.equal(tool.when, contextKeys.connected, tool.name);
      assert.match(tool.name, /^sagemakerScaleToZero_[a-zA-Z]+$/);
      assert.match(tool.displayName, /^%languageModelTools\.\w+\.displayName%$/);
      assert.match(tool.userDescription, /^%languageModelTools\.\w+\.userDescription%$/);
      assert.ok(tool.modelDescription.length >= 200 && tool.modelDescription.length <= 1024, `${tool.name}: ${tool.modelDescription.length} characters`);
      assert.ok(tool.tags.includes('sagemaker'), tool.name);
      assert.match(tool.icon, /^\$\([a-z-]+\)$/);
      assert.equal(tool.inputSchema.type, 'object');
      assert.equal(tool.inputSchema.additionalProperties, false, `${tool.name} refuses unknown fields`);
    }
  });

  it('says which tools change the account: the acting ones confirm first, the read ones say they only read', () => {
    for (const tool of agentTools) {
      const contribution = contributions.find((candidate) => candidate.name === tool.name)!;
      if (tool.kind === 'act') {
        assert.ok(contribution.tags.includes('change'), tool.name);
        assert.match(contribution.modelDescription, /confirm/i, tool.name);
      } else {
        assert.ok(contribution.tags.includes('read'), tool.name);
        assert.match(contribution.modelDescription, /Read-only/, tool.name);
      }
    }
  });

  it('accepts exactly the inputs its schema accepts: the same rules as the wizards\' validators', () => {
    const disagreements: string[] = [];
    for (const contribution of contributions) {
      const tool = agentTools.find((candidate) => candidate.name === contribution.name)!;
      const { properties, required = [] } = contribution.inputSchema;
      // A valid value for each required field, so that one field at a time is varied.
      const base: Record<string, unknown> = Object.fromEntries(required.map((field) => [field, 'demo-llama']));
      for (const [field, schema] of Object.entries(properties)) {
        for (const value of candidates(field, schema)) {
          const input = { ...base, [field]: value };
          const parsed = tool.parseInput(input);
          // A model may send null or a blank string for a field it means to leave out: an optional field takes them as not given.
          const expected = schemaAccepts(schema, value) || (!required.includes(field) && (value === null || (typeof value === 'string' && value.trim() === '' && schema.type === 'string' && !schema.enum)));
          if (parsed.ok !== expected) {
            disagreements.push(`${tool.name}.${field} = ${JSON.stringify(value)}: expected ${expected ? 'accepted' : 'refused'}, the tool ${parsed.ok ? 'accepts' : `refuses (${parsed.message})`}`);
          }
          if (!parsed.ok) assert.match(parsed.message, new RegExp(field), `${tool.name}: the message names ${field}: ${parsed.message}`);
        }
      }
      for (const field of required) {
        const { [field]: _left, ...without } = base;
        const parsed = tool.parseInput(without);
        assert.ok(!parsed.ok && parsed.message.includes(field), `${tool.name} requires ${field}`);
      }
      const unknown = tool.parseInput({ ...base, surprise: true });
      assert.ok(!unknown.ok && unknown.message.includes('surprise'), `${tool.name} names an unknown field`);
      for (const malformed of ['demo-llama', 42, [base]]) {
        const parsed = tool.parseInput(malformed);
        assert.ok(!parsed.ok, `${tool.name} refuses ${JSON.stringify(malformed)}`);
      }
      // No input at all is an empty one: fine for a tool without required fields.
      assert.equal(tool.parseInput(undefined).ok, required.length === 0, `${tool.name} with no input`);
    }
    assert.deepEqual(disagreements, []);
  });
});
