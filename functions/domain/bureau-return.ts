/**
 * The bureau's return (退回) of a filing: not a rejection. The provincial communications administration
 * sends the filing back with reasons, each naming what to correct (a document, or a field of the
 * application); the applicant corrects only that, the provider re-checks and submits again. The MIIT SMS
 * check that follows each submission returns the filing too when it is not answered within 24 hours or
 * is answered wrongly five times (Alibaba Cloud "SMS check" guide, Huawei Cloud help; see
 * ../shared/domain-facts.md, "MIIT SMS verification").
 */
import * as z from 'zod';
import { DocumentType } from './document-types.ts';

/** One reason of a return: what the bureau said, and what it names to correct (neither for the SMS). */
export const BureauReturnReason = z.object({
  code: z.string().optional(),
  message: z.string().min(1),
  messageZh: z.string().min(1),
  /** A document to upload again. */
  docType: DocumentType.optional(),
  /** A field of the application to correct, as a dotted path (`websites.0.name`). */
  field: z.string().min(1).optional(),
});
export type BureauReturnReason = z.infer<typeof BureauReturnReason>;

/** A return as the case keeps it (`CaseRecord.bureauReturns`), one per round, oldest first. */
export interface BureauReturn {
  round: number;
  returnedAt: string;
  reasons: BureauReturnReason[];
  /** Returns the workflow still allows after this one before the case closes as rejected. */
  returnsLeft: number;
}

/** The SMS window: 24 hours from the submission (the bureau sends the SMS when the provider submits). */
export const SMS_WINDOW_SECONDS = 86_400;
/** Our own reminder, this long before the window ends (the bureau sends none). */
export const SMS_REMINDER_BEFORE_END_SECONDS = 4 * 3_600;
/** How many times the bureau may return a filing before we close the case as rejected (ours, not MIIT's). */
export const MAX_BUREAU_RETURNS = 3;

/** The SMS step's window as it is kept on the case while it runs. */
export interface SmsWindow {
  opensAt: string;
  endsAt: string;
}

/**
 * The value at a dotted path of the application (`websites.0.name`), or undefined when the path names
 * nothing: a field a return names must exist, or the applicant could not correct it.
 */
export function valueAtPath(root: unknown, path: string): unknown {
  let at: unknown = root;
  for (const part of path.split('.')) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return at;
}

/** The documents a return names, each once. */
export const returnedDocuments = (reasons: readonly BureauReturnReason[]): DocumentType[] => [
  ...new Set(reasons.flatMap((r) => (r.docType ? [r.docType] : []))),
];

/** The application fields a return names, each once. */
export const returnedFields = (reasons: readonly BureauReturnReason[]): string[] => [
  ...new Set(reasons.flatMap((r) => (r.field ? [r.field] : []))),
];
