import { describe, expect, it } from 'vitest';
import {
  contentTypeOfBytes,
  providerDocumentFileName,
  takesProviderDocuments,
} from '#domain/provider-documents';

const bytes = (...values: number[]) => new Uint8Array(values);
const text = (value: string) => new TextEncoder().encode(value);

describe('the provider’s qualification documents', () => {
  it('tells a PDF, a JPEG and a PNG by their first bytes, and nothing else', () => {
    expect(contentTypeOfBytes(text('%PDF-1.7\n'))).toBe('application/pdf');
    expect(contentTypeOfBytes(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('image/jpeg');
    expect(contentTypeOfBytes(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0))).toBe('image/png');
    expect(contentTypeOfBytes(text('<html>%PDF-'))).toBeUndefined();
    expect(contentTypeOfBytes(text('%PD'))).toBeUndefined();
    expect(contentTypeOfBytes(new Uint8Array())).toBeUndefined();
  });

  it('names a download by its kind and type, in ASCII', () => {
    expect(providerDocumentFileName({ kind: 'ACCESS_AGREEMENT', contentType: 'application/pdf' })).toBe(
      'access-agreement.pdf',
    );
    expect(providerDocumentFileName({ kind: 'TELECOM_LICENCE', contentType: 'image/jpeg' })).toBe(
      'telecom-licence.jpg',
    );
  });

  it('belong to commercial licence cases only', () => {
    expect(takesProviderDocuments('COMMERCIAL')).toBe(true);
    for (const kind of ['GENERAL', 'ADD_WEBSITE', 'CHANGE_HOSTING'] as const) {
      expect(takesProviderDocuments(kind)).toBe(false);
    }
  });
});
