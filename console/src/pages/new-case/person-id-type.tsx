import { PersonIdType } from '../../../../functions/domain/entity.ts';
import { Field } from '../../components/form-fields.tsx';
import type { CaseForm } from '../../form-model.ts';
import { type MessageKey, useI18n } from '../../i18n.ts';
import type { CaseFormModel } from './use-case-form.ts';

const ID_TYPE_LABELS: Record<PersonIdType, MessageKey> = {
  RESIDENT_ID: 'idTypeResident',
  HMT_RESIDENCE_PERMIT: 'idTypeHmtPermit',
  PERMANENT_RESIDENCE_ID: 'idTypePermanentResidence',
  PASSPORT: 'idTypePassport',
};

/** The ID document an applicant of each kind identifies with (what "same as the applicant" copies). */
export const ID_TYPE_OF_APPLICANT: Partial<Record<CaseForm['applicantType'], PersonIdType>> = {
  CHINESE_INDIVIDUAL: 'RESIDENT_ID',
  HMT_RESIDENT: 'HMT_RESIDENCE_PERMIT',
  FOREIGN_INDIVIDUAL: 'PASSPORT',
  FOREIGN_PERMANENT_RESIDENT: 'PERMANENT_RESIDENCE_ID',
};

/** The ID type select of a person (the responsible person, an entity leader) at a schema path. */
export function PersonIdTypeField({
  model,
  path,
  value,
  choose,
}: {
  model: CaseFormModel;
  path: string;
  value: PersonIdType;
  choose: (draft: CaseForm, idType: PersonIdType) => void;
}) {
  const { t } = useI18n();
  return (
    <Field label={t('idType')} path={path} errors={model.at(path)} required>
      {(p) => (
        <select
          {...p}
          value={value}
          onChange={(e) => model.update((draft) => choose(draft, e.target.value as PersonIdType))}
        >
          {PersonIdType.options.map((idType) => (
            <option key={idType} value={idType}>
              {t(ID_TYPE_LABELS[idType])}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
