import { type FormEvent, useRef, useState } from 'react';
import { isOrganisation } from '../../../functions/domain/filing.ts';
import { ApiError, api } from '../api.ts';
import { ErrorMessage } from '../components/error-message.tsx';
import { groupByField, validateForm } from '../form-model.ts';
import { useI18n } from '../i18n.ts';
import { navigate } from '../router.ts';
import { ApplicantSection } from './new-case/applicant-section.tsx';
import { ChangesPanel } from './new-case/changes-panel.tsx';
import { CommercialSection } from './new-case/commercial-section.tsx';
import { EntityLeaderSection } from './new-case/entity-leader-section.tsx';
import { FilingSection } from './new-case/filing-section.tsx';
import { FormSummary } from './new-case/form-summary.tsx';
import { ResponsibleSection } from './new-case/responsible-section.tsx';
import { useCaseForm } from './new-case/use-case-form.ts';
import { WebsitesSection } from './new-case/websites-section.tsx';

/**
 * The guided application form, validated with the domain's application schema as the user goes.
 * With `caseId` it edits that draft (PUT); the applicant's identity cannot change in a draft.
 */
export function NewCasePage({
  caseId,
  start,
}: {
  caseId?: string;
  start?: { from?: string; kind?: string };
} = {}) {
  const { t } = useI18n();
  const model = useCaseForm(caseId, start);
  const [failure, setFailure] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const focusSummary = () => requestAnimationFrame(() => summaryRef.current?.focus());

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    model.setShowAll(true);
    setFailure(undefined);
    const { input, errors: problems } = validateForm(model.form);
    if (Object.keys(problems).length > 0) {
      focusSummary();
      return;
    }
    setSaving(true);
    try {
      const saved = caseId ? await api.editCase(caseId, input) : await api.createCase(input);
      model.discardDraft();
      navigate(`/cases/${saved.caseId}`);
    } catch (error) {
      setSaving(false);
      if (error instanceof ApiError && error.status === 400 && error.issues.length) {
        model.setServerErrors(groupByField(error.issues));
      }
      setFailure(error);
      focusSummary();
    }
  }

  if (model.loadError) return <ErrorMessage error={model.loadError} />;
  if (!model.loaded) return <p role="status">{t('loading')}</p>;

  return (
    <form
      className="case-form"
      noValidate
      onSubmit={onSubmit}
      data-testid="new-case-form"
      data-case-id={caseId}
      aria-labelledby="new-case-title"
    >
      <h1 id="new-case-title">{caseId ? t('editCaseTitle', { id: caseId }) : t('newCaseTitle')}</h1>
      <p className="muted">{t('newCaseIntro')}</p>
      {caseId && <p className="muted">{t('editCaseIdentity')}</p>}

      <div ref={summaryRef} tabIndex={-1} className="summary-anchor">
        <FormSummary
          showAll={model.showAll}
          errors={model.errors}
          overrides={model.overrides}
          failure={failure}
        />
      </div>

      {model.prefill && <ChangesPanel prefill={model.prefill} form={model.form} />}
      <FilingSection model={model} />
      <ApplicantSection model={model} editing={caseId !== undefined} />
      {isOrganisation(model.form.applicantType) && <EntityLeaderSection model={model} />}
      <WebsitesSection model={model} />
      <ResponsibleSection model={model} />
      {model.form.filingType === 'COMMERCIAL' && <CommercialSection model={model} />}

      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary button-large"
          data-testid="create-case"
          disabled={saving}
        >
          {saving ? t('saving') : caseId ? t('saveDraft') : t('createDraft')}
        </button>
      </div>
    </form>
  );
}
