import { InMemoryWebStorage } from 'oidc-client-ts';
import { describe, expect, it } from 'vitest';
import {
  clearAllDrafts,
  clearDraft,
  draftKey,
  readDraft,
  writeDraft,
} from '../../console/src/form-drafts.ts';
import { emptyForm, formFromDraft } from '../../console/src/form-model.ts';

describe('form drafts kept in the tab', () => {
  it('gives back the form as typed after a round trip through the storage', () => {
    const storage = new InMemoryWebStorage();
    const form = emptyForm();
    form.applicant.name = '张伟';
    form.applicant.idNumber = '11010519491231002X';
    if (form.websites[0]) {
      form.websites[0].name = '张伟的摄影作品集';
      form.websites[0].contentCategories = ['PERSONAL'];
    }
    const key = draftKey('applicant-zhang-wei', 'new::');
    writeDraft(key, form, storage);
    const restored = formFromDraft(readDraft(key, storage));
    expect(restored?.applicant.name).toBe('张伟');
    expect(restored?.applicant.idNumber).toBe('11010519491231002X');
    expect(restored?.websites[0]?.name).toBe('张伟的摄影作品集');
    expect(restored?.websites[0]?.contentCategories).toEqual(['PERSONAL']);
    // A fresh key for the list on screen: a website added later never collides with a restored one.
    expect(restored?.websites[0]?.uid).not.toBe(form.websites[0]?.uid);
  });

  it('keeps only what fits the form from a damaged or older draft', () => {
    const restored = formFromDraft({
      applicantType: 'NOT_A_TYPE',
      applicant: { name: '张伟', idNumber: 42, unknown: 'x' },
      websites: [{ name: '站点', contentCategories: ['PERSONAL', 'BOGUS'] }],
    });
    expect(restored?.applicantType).toBe('CHINESE_INDIVIDUAL');
    expect(restored?.applicant.name).toBe('张伟');
    expect(restored?.applicant.idNumber).toBe('');
    expect(restored?.applicant).not.toHaveProperty('unknown');
    expect(restored?.websites[0]?.contentCategories).toEqual(['PERSONAL']);
    expect(formFromDraft('not json object')).toBeUndefined();
    expect(readDraft('missing', new InMemoryWebStorage())).toBeUndefined();
  });

  it('clears one draft on save, and every form draft (nothing else) on sign-out', () => {
    const storage = new InMemoryWebStorage();
    const a = draftKey('applicant-zhang-wei', 'new::');
    const b = draftKey('applicant-zhang-wei', 'edit:C-1');
    writeDraft(a, emptyForm(), storage);
    writeDraft(b, emptyForm(), storage);
    storage.setItem('icp.session', 'kept');
    clearDraft(a, storage);
    expect(readDraft(a, storage)).toBeUndefined();
    expect(readDraft(b, storage)).toBeDefined();
    clearAllDrafts(storage);
    expect(readDraft(b, storage)).toBeUndefined();
    expect(storage.getItem('icp.session')).toBe('kept');
  });
});
