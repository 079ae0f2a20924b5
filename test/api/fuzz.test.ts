/**
 * Property-based fuzzing of every request body, generated from the routes' zod schemas (via
 * `z.toJSONSchema`) and from mutations of valid bodies: the API never answers 5xx, and a 4xx leaves
 * the store exactly as it was.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import * as schemas from '#api/schemas';
import { applicationSchema } from '#domain/application';
import type { HumanStep } from '#domain/case-status';
import {
  type ApiHarness,
  caseWaitingOn,
  individualApplication,
  newResidentId,
  startApiHarness,
} from './harness.ts';

const RUNS = 60;

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  enum?: unknown[];
  const?: unknown;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  format?: string;
  additionalProperties?: unknown;
};

const junk = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

/** An arbitrary of values that mostly follow the JSON schema, with some type-breaking values mixed in. */
function arbitraryOf(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  const shaped = shapedOf(schema, depth);
  return fc.oneof({ weight: 9, arbitrary: shaped }, { weight: 1, arbitrary: junk });
}

function shapedOf(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const variants = schema.oneOf ?? schema.anyOf;
  if (variants?.length) return fc.oneof(...variants.map((v) => arbitraryOf(v, depth + 1)));
  if (schema.allOf?.length) {
    return fc
      .tuple(...schema.allOf.map((part) => shapedOf(part, depth + 1)))
      .map((parts) =>
        Object.assign({}, ...parts.filter((p) => p && typeof p === 'object' && !Array.isArray(p))),
      );
  }
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const props = Object.entries(schema.properties ?? {});
      if (depth > 6) return fc.constant({});
      const required = new Set(schema.required ?? []);
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, value] of props) record[key] = arbitraryOf(value, depth + 1);
      const base = fc.record(record, {
        requiredKeys: props.map(([k]) => k).filter((k) => required.has(k) || Math.random() < 0.7),
      });
      return fc.oneof(
        { weight: 8, arbitrary: base },
        { weight: 1, arbitrary: base.map((o) => ({ ...(o as object), unexpected: 'field' })) },
      );
    }
    case 'array':
      return fc.array(arbitraryOf(schema.items ?? {}, depth + 1), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 4, 4),
      });
    case 'string':
      if (schema.format === 'date-time')
        return fc
          .date({ min: new Date('2025-01-01'), max: new Date('2027-12-31'), noInvalidDate: true })
          .map((d) => d.toISOString());
      return fc.string({ minLength: 0, maxLength: Math.min(schema.maxLength ?? 30, 60) });
    case 'integer':
      return fc.integer({
        min: Math.max(schema.minimum ?? -1e6, -1e9),
        max: Math.min(schema.maximum ?? 1e6, 1e9),
      });
    case 'number':
      return fc.double({ noNaN: true, min: -1e9, max: 1e9 });
    case 'boolean':
      return fc.boolean();
    default:
      return junk;
  }
}

const jsonSchemaOf = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;

/** A valid body with one leaf replaced by a random value. */
function mutationOf(valid: unknown): fc.Arbitrary<unknown> {
  const paths: (string | number)[][] = [];
  const walk = (value: unknown, path: (string | number)[]) => {
    paths.push(path);
    if (Array.isArray(value)) for (const [i, v] of value.entries()) walk(v, [...path, i]);
    else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
  };
  walk(valid, []);
  return fc.tuple(fc.constantFrom(...paths.filter((p) => p.length > 0)), junk).map(([path, replacement]) => {
    const copy = structuredClone(valid) as Record<string | number, unknown>;
    let target = copy;
    for (const key of path.slice(0, -1)) target = target[key] as Record<string | number, unknown>;
    target[path.at(-1) as string | number] = replacement;
    return copy;
  });
}

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness();
}, 30_000);
afterAll(() => h.close());

/** Runs the property: no 5xx; a 4xx changes nothing in the table. `reset` re-opens what a 2xx used up. */
async function fuzz(
  arbitrary: fc.Arbitrary<unknown>,
  send: (body: unknown) => Promise<{ status: number; text: string }>,
  reset?: () => Promise<void>,
) {
  await fc.assert(
    fc.asyncProperty(arbitrary, async (body) => {
      const before = await h.snapshot();
      const response = await send(body);
      expect(response.status, response.text).toBeLessThan(500);
      if (response.status >= 400) expect(await h.snapshot()).toBe(before);
      else await reset?.();
    }),
    { numRuns: RUNS },
  );
}

const APPLICANT = 'applicant-zhang-wei';
const OFFICER = 'officer-wang-fang';

describe('fuzzing every request body', () => {
  it('POST /cases (ApplicationInput)', async () => {
    const arbitrary = fc.oneof(
      arbitraryOf(jsonSchemaOf(applicationSchema())),
      mutationOf(individualApplication()),
    );
    await fuzz(arbitrary, (body) => h.call('POST', '/cases', { as: APPLICANT, body }));
  }, 60_000);

  it('PUT /cases/{caseId} (ApplicationInput)', async () => {
    const id = newResidentId();
    const created = await h.call('POST', '/cases', { as: APPLICANT, body: individualApplication(id) });
    expect(created.status).toBe(201);
    const arbitrary = fc.oneof(
      arbitraryOf(jsonSchemaOf(applicationSchema())),
      mutationOf(individualApplication(id)),
    );
    await fuzz(arbitrary, (body) => h.call('PUT', `/cases/${created.body.caseId}`, { as: APPLICANT, body }));
  }, 60_000);

  it('POST /cases/{caseId}/uploads (UploadRequest)', async () => {
    const created = await h.call('POST', '/cases', { as: APPLICANT, body: individualApplication() });
    expect(created.status).toBe(201);
    await fuzz(arbitraryOf(jsonSchemaOf(schemas.UploadRequest)), (body) =>
      h.call('POST', `/cases/${created.body.caseId}/uploads`, { as: APPLICANT, body }),
    );
  }, 60_000);

  const decisions: Array<[string, HumanStep, z.ZodType, unknown]> = [
    ['review', 'REVIEW', schemas.ReviewDecision, { decision: 'APPROVE' }],
    ['licence-review', 'LICENCE_REVIEW', schemas.LicenceDecision, { decision: 'APPROVE', feeYuan: 100 }],
    [
      'appointment',
      'APPOINTMENT',
      schemas.AppointmentRequest,
      { officeId: 'BJ', startsAt: '2026-03-05T10:00:00+08:00' },
    ],
    ['verification', 'VERIFICATION', schemas.VerificationOutcome, { outcome: 'PRESENT' }],
    [
      'bureau-submission',
      'BUREAU_SUBMISSION',
      schemas.BureauSubmission,
      { submittedAt: '2026-03-02T09:00:00+08:00' },
    ],
    [
      'bureau-decision',
      'BUREAU_DECISION',
      schemas.BureauDecision,
      { decision: 'APPROVE', icpNumber: '京ICP备12345678号-1' },
    ],
  ];
  for (const [path, step, schema, valid] of decisions) {
    it(`POST /officer/cases/{caseId}/${path}`, async () => {
      const { record } = await caseWaitingOn(h, step);
      const reopen = () => h.deps.store.putTask({ caseId: record.caseId, step, token: `fuzz-${Date.now()}` });
      await fuzz(
        fc.oneof(arbitraryOf(jsonSchemaOf(schema)), mutationOf(valid)),
        (body) => h.call('POST', `/officer/cases/${record.caseId}/${path}`, { as: OFFICER, body }),
        reopen,
      );
    }, 60_000);
  }

  it('POST /officer/cases/{caseId}/sms-verification', async () => {
    const { record } = await caseWaitingOn(h, 'BUREAU_DECISION');
    await fuzz(arbitraryOf(jsonSchemaOf(schemas.SmsVerification)), (body) =>
      h.call('POST', `/officer/cases/${record.caseId}/sms-verification`, { as: OFFICER, body }),
    );
  }, 60_000);

  it('POST /supervisor/... document and application overrides', async () => {
    const { record } = await caseWaitingOn(h, 'DOCUMENTS');
    await fuzz(arbitraryOf(jsonSchemaOf(schemas.DocumentOverride)), (body) =>
      h.call('POST', `/supervisor/cases/${record.caseId}/documents/APPLICANT_ID_FRONT/override`, {
        as: 'supervisor-liu-yang',
        body,
      }),
    );
    await fuzz(arbitraryOf(jsonSchemaOf(schemas.ApplicationOverride)), (body) =>
      h.call('POST', `/supervisor/cases/${record.caseId}/application-overrides`, {
        as: 'supervisor-liu-yang',
        body,
      }),
    );
  }, 60_000);
});
