import type { ReactNode } from 'react';
import type { ErrorBody } from '../../../../functions/domain/errors.ts';
import { PROVINCES } from '../../../../functions/domain/provinces.ts';
import { Field, TextField } from '../../components/form-fields.tsx';
import type { CaseForm } from '../../form-model.ts';
import { useI18n } from '../../i18n.ts';
import type { CaseFormModel, Section, TextSpec } from './use-case-form.ts';

/** Text fields of one section of the form, as their specs list them. */
export function TextFields<T>({
  model,
  section,
  specs,
}: {
  model: CaseFormModel;
  section: Section<T>;
  specs: Array<TextSpec<T>>;
}) {
  return specs.map((spec) => (
    <TextField
      key={spec.path}
      label={spec.label}
      required={!spec.optional}
      hint={spec.hint}
      className={spec.className}
      control={spec.control}
      inputProps={spec.inputProps}
      {...model.bind(section, spec)}
    />
  ));
}

/** A province select (required) at a schema path; `choose` writes the choice into the form. */
export function ProvinceField({
  model,
  label,
  path,
  value,
  choose,
}: {
  model: CaseFormModel;
  label: string;
  path: string;
  value: string;
  choose: (draft: CaseForm, province: string) => void;
}) {
  const { t, pick } = useI18n();
  return (
    <Field label={label} path={path} errors={model.at(path)} required>
      {(p) => (
        <select
          {...p}
          value={value}
          onBlur={model.touch(path)}
          onChange={(e) => model.update((draft) => choose(draft, e.target.value))}
        >
          <option value="">{t('chooseProvince')}</option>
          {PROVINCES.map((province) => (
            <option key={province.code} value={province.code}>
              {pick(province.nameZh, province.nameEn)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** The form's two radio-card choices. */
type ChoiceField = 'filingType' | 'applicantType';

/**
 * Radio cards for a choice of the form, one per option (test id `filing-type-GENERAL`, ...);
 * `also` changes what follows from the choice.
 */
export function ChoiceGroup<F extends ChoiceField>({
  model,
  field,
  options,
  disabled,
  also,
  children,
}: {
  model: CaseFormModel;
  field: F;
  options: ReadonlyArray<CaseForm[F]>;
  disabled?: (option: CaseForm[F]) => boolean;
  also?: (draft: CaseForm, option: CaseForm[F]) => void;
  children: (option: CaseForm[F]) => ReactNode;
}) {
  const { t } = useI18n();
  const value = model.form[field];
  const testId = field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  const choose = (option: CaseForm[F]) =>
    model.update((draft) => {
      draft[field] = option;
      also?.(draft, option);
    });
  return (
    <div className="choice-grid" role="radiogroup" aria-label={t(field)}>
      {options.map((option) => (
        <label key={option} className={`choice${value === option ? ' choice-selected' : ''}`}>
          <input
            type="radio"
            name={field}
            value={option}
            checked={value === option}
            disabled={disabled?.(option)}
            data-testid={`${testId}-${option}`}
            onChange={() => choose(option)}
          />
          {children(option)}
        </label>
      ))}
    </div>
  );
}

/** The problems of a group of fields, under the group. */
export function ErrorList({ id, testId, errors }: { id?: string; testId: string; errors: ErrorBody[] }) {
  const { pick } = useI18n();
  if (errors.length === 0) return null;
  return (
    <ul className="field-errors" id={id} data-testid={testId}>
      {errors.map((e) => (
        <li key={`${e.code}:${e.message}`}>{pick(e.messageZh, e.message)}</li>
      ))}
    </ul>
  );
}
