// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ASL placeholders are literally ${Name}
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../infra/build-app.ts';
import {
  HANDLERS,
  handlerConstructId,
  handlerFilesOnDisk,
  taskEntryForPlaceholder,
  taskPlaceholder,
} from '../../infra/handlers.ts';
import {
  aslPlaceholders,
  findAslFiles,
  resolveSubstitutions,
  STATE_MACHINES_DIR,
} from '../../infra/state-machine-definition.ts';
import { FIXTURE_HANDLERS, FIXTURE_ROOT } from './synth-fixture.ts';

const STACK_VALUES = ['Partition', 'Region', 'AccountId', 'TableName', 'UploadBucketName'];

describe('handler catalogue', () => {
  it('lists exactly the handler files on disk: a handler without a function, or a function without a handler, fails', () => {
    const onDisk = handlerFilesOnDisk(PROJECT_ROOT);
    const listed = HANDLERS.map((h) => h.entry).sort();
    expect({ missingFromCatalogue: onDisk.filter((f) => !listed.includes(f)) }).toEqual({
      missingFromCatalogue: [],
    });
    expect({ missingOnDisk: listed.filter((f) => !onDisk.includes(f)) }).toEqual({ missingOnDisk: [] });
  });

  it('detects both kinds of drift on the fixture tree', () => {
    const onDisk = handlerFilesOnDisk(FIXTURE_ROOT);
    expect(onDisk).toEqual(FIXTURE_HANDLERS.map((h) => h.entry).sort());
    const withoutOne = FIXTURE_HANDLERS.slice(1).map((h) => h.entry);
    expect(onDisk.filter((f) => !withoutOne.includes(f))).toEqual(['functions/handlers/http/api.ts']);
  });

  it('gives every handler a distinct construct id and task handlers the ${<Pascal>FunctionArn} placeholder', () => {
    for (const catalogue of [HANDLERS, FIXTURE_HANDLERS]) {
      const ids = catalogue.map(handlerConstructId);
      expect(new Set(ids).size).toBe(ids.length);
    }
    expect(taskPlaceholder({ entry: 'functions/handlers/tasks/notify-applicant.ts' })).toBe(
      'NotifyApplicantFunctionArn',
    );
    expect(taskEntryForPlaceholder('CrossCheckDocumentsFunctionArn')).toBe(
      'functions/handlers/tasks/cross-check-documents.ts',
    );
    expect(taskEntryForPlaceholder('Partition')).toBeUndefined();
  });

  it('has at most one HTTP API handler', () => {
    expect(HANDLERS.filter((h) => h.trigger === 'http-api').length).toBeLessThanOrEqual(1);
  });
});

describe('state machine definitions', () => {
  it('collects the placeholders of an ASL text', () => {
    const text = readFileSync(join(FIXTURE_ROOT, 'statemachines/icp-case.asl.json'), 'utf8');
    expect(aslPlaceholders(text)).toEqual([
      'NotifyApplicantFunctionArn',
      'Partition',
      'RequestDocumentReviewFunctionArn',
    ]);
  });

  it('refuses a definition whose placeholder has no value, naming it', () => {
    expect(() =>
      resolveSubstitutions(
        { name: 'x', placeholders: ['Partition', 'GhostFunctionArn'] },
        { Partition: 'aws' },
      ),
    ).toThrow(/\$\{GhostFunctionArn\}/);
  });

  it('fills every placeholder of every statemachines/*.asl.json, each task placeholder from a handler file on disk', () => {
    const available = new Set([
      ...STACK_VALUES,
      ...HANDLERS.filter((h) => h.trigger === 'state-machine-task').map(taskPlaceholder),
    ]);
    for (const asl of findAslFiles(join(PROJECT_ROOT, STATE_MACHINES_DIR))) {
      const unfilled = asl.placeholders.filter((p) => !available.has(p));
      const missingHandlerFiles = asl.placeholders
        .map(taskEntryForPlaceholder)
        .filter((entry): entry is string => entry !== undefined && !existsSync(join(PROJECT_ROOT, entry)));
      expect({ asl: asl.name, unfilled, missingHandlerFiles }).toEqual({
        asl: asl.name,
        unfilled: [],
        missingHandlerFiles: [],
      });
    }
  });

  it('never hard-codes the aws partition in an ASL file', () => {
    for (const asl of findAslFiles(join(PROJECT_ROOT, STATE_MACHINES_DIR))) {
      expect(readFileSync(asl.path, 'utf8')).not.toContain('arn:aws:');
    }
  });

  it('never hard-codes the aws partition in infra sources', () => {
    const sources = [
      'infra/stacks/stateful-stack.ts',
      'infra/stacks/stateless-stack.ts',
      'infra/constructs/console-hosting.ts',
    ];
    for (const file of sources) {
      expect(readFileSync(join(PROJECT_ROOT, file), 'utf8')).not.toMatch(/arn:aws:/);
    }
  });
});
