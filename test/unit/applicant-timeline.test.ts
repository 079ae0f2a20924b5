import { describe, expect, it } from 'vitest';
import { toTimeline } from '#api/case-views';
import type { AuditEvent } from '#domain/case-record';

const event = (action: string, at: string, detail: Record<string, unknown> = {}): AuditEvent => ({
  caseId: 'C-1',
  at,
  idempotencyKey: action,
  actor: { subject: 'system:test', role: 'system' },
  action,
  detail,
});

describe('the applicant timeline', () => {
  it('does not repeat "email sent" after every event: deliveries are left out, the events stay', () => {
    const timeline = toTimeline([
      event('DOCUMENT_ACCEPTED', '2026-03-02T02:00:00.000Z', { docType: 'APPLICANT_ID_FRONT' }),
      event('EMAIL_SENT', '2026-03-02T02:00:01.000Z', { template: 'documentInvalid' }),
      event('DOCUMENTS_RETURNED', '2026-03-03T02:00:00.000Z', { documents: ['DOMAIN_CERTIFICATE'] }),
      event('EMAIL_SENT', '2026-03-03T02:00:01.000Z', { template: 'reviewRejected' }),
    ]);
    expect(timeline.map((entry) => entry.event)).toEqual(['DOCUMENT_ACCEPTED', 'DOCUMENTS_RETURNED']);
  });
});
