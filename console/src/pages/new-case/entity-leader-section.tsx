import type { CaseForm } from '../../form-model.ts';
import { useI18n } from '../../i18n.ts';
import { TextFields } from './controls.tsx';
import { PersonIdTypeField } from './person-id-type.tsx';
import type { CaseFormModel, TextSpec } from './use-case-form.ts';

type Leader = CaseForm['leader'];
const leader = (f: CaseForm) => f.leader;
const PATH = 'applicant.entityLeader';

/** An organisation's entity leader (主体负责人): ID document and contacts, as the bureau asks. */
export function EntityLeaderSection({ model }: { model: CaseFormModel }) {
  const { t } = useI18n();
  const { form, update } = model;
  const specs: Array<TextSpec<Leader>> = [
    {
      key: 'idNumber',
      path: `${PATH}.idNumber`,
      label: t('idNumber'),
      inputProps: { spellCheck: false, autoComplete: 'off' },
    },
    {
      key: 'mobile',
      path: `${PATH}.mobile`,
      label: t('mobile'),
      hint: '13812345678',
      inputProps: { type: 'tel', inputMode: 'tel' },
    },
    { key: 'email', path: `${PATH}.email`, label: t('email'), inputProps: { type: 'email' } },
    { key: 'emergencyName', path: `${PATH}.emergencyContact.name`, label: t('emergencyName') },
    {
      key: 'emergencyMobile',
      path: `${PATH}.emergencyContact.mobile`,
      label: t('emergencyMobile'),
      inputProps: { type: 'tel', inputMode: 'tel' },
    },
  ];
  return (
    <fieldset className="card" data-testid="entity-leader-section">
      <legend>{t('sectionEntityLeader')}</legend>
      <p className="muted">{t('entityLeaderIntro')}</p>
      <button
        type="button"
        className="button button-small"
        data-testid="leader-is-legal-representative"
        onClick={() =>
          update((f) => {
            f.leader.name = f.applicant.legalRepresentative;
          })
        }
      >
        {t('copyLegalRepresentative')}
      </button>
      <div className="grid-2">
        <TextFields
          model={model}
          section={leader}
          specs={[{ key: 'name', path: `${PATH}.name`, label: t('personName') }]}
        />
        <PersonIdTypeField
          model={model}
          path={`${PATH}.idType`}
          value={form.leader.idType}
          choose={(f, idType) => {
            f.leader.idType = idType;
          }}
        />
        <TextFields model={model} section={leader} specs={specs} />
      </div>
    </fieldset>
  );
}
