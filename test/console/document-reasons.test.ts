import { describe, expect, it } from 'vitest';
import type { DocumentSummaryView } from '../../console/src/api.ts';
import { findingsBySource, reasonGroups, uploadVerdict } from '../../console/src/document-reasons.ts';
import type { Finding } from '../../functions/domain/document-types.ts';

const notSigned: Finding = {
  code: 'NOT_SIGNED',
  severity: 'ERROR',
  message: 'Not signed.',
  messageZh: '缺少签字。',
  source: 'OFFICER',
};
const bureau: Finding = { ...notSigned, code: 'BUREAU_RETURNED', source: 'BUREAU' };
const noChinese: Finding = {
  code: 'PDF_NO_CHINESE_TEXT',
  severity: 'ERROR',
  message: 'Must be filled out in Chinese.',
  messageZh: '须使用中文填写。',
};
const manualCheck: Finding = {
  code: 'MANUAL_CHECK_NEEDED',
  severity: 'WARNING',
  message: 'An officer will read it.',
  messageZh: '将由审核人员人工核对。',
};
const info: Finding = { code: 'IMAGE_OK', severity: 'INFO', message: 'Readable.', messageZh: '清晰。' };

const summary = (status: DocumentSummaryView['status'], findings: Finding[], uploadId = 'U1') =>
  ({
    uploadId,
    status,
    findings,
    uploadedAt: '2026-03-01T00:00:00.000Z',
    recordedAt: '2026-03-01T00:00:01.000Z',
  }) satisfies DocumentSummaryView;

describe('the reasons the applicant reads for a document', () => {
  it('puts the officer’s and the bureau’s returns under their own groups, apart from the automatic findings', () => {
    expect(reasonGroups([noChinese, notSigned, bureau])).toEqual({
      automated: [noChinese],
      officer: [notSigned],
      bureau: [bureau],
    });
  });

  it('leaves out notes meant for staff (a check by hand) and INFO notes', () => {
    expect(reasonGroups([manualCheck, info, notSigned])).toEqual({
      automated: [],
      officer: [notSigned],
      bureau: [],
    });
  });
});

describe('the drop zone’s verdict on the file it uploaded', () => {
  it('says checking while the case holds another upload or this one is pending', () => {
    expect(uploadVerdict('U2', undefined)).toEqual({ kind: 'checking' });
    expect(uploadVerdict('U2', summary('INVALID', [noChinese], 'U1'))).toEqual({ kind: 'checking' });
    expect(uploadVerdict('U2', summary('PENDING', [], 'U2'))).toEqual({ kind: 'checking' });
  });

  it('says refused, with the automatic check’s reasons, once the case shows this upload INVALID', () => {
    expect(uploadVerdict('U2', summary('INVALID', [noChinese, manualCheck], 'U2'))).toEqual({
      kind: 'refused',
      reasons: [noChinese],
    });
  });

  it('says accepted once the case shows this upload VALID', () => {
    expect(uploadVerdict('U2', summary('VALID', [info], 'U2'))).toEqual({ kind: 'accepted' });
  });
});

describe('the findings the officer reads for a document', () => {
  it('keeps every finding, staff notes included, with returns apart from the automatic check', () => {
    expect(findingsBySource([manualCheck, info, notSigned, bureau])).toEqual({
      automated: [manualCheck, info],
      officer: [notSigned],
      bureau: [bureau],
    });
  });
});
