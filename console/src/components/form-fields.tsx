import { type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes, useId } from 'react';
import type { ErrorBody } from '../../../functions/domain/errors.ts';
import { useI18n } from '../i18n.ts';
import { colon } from '../punctuation.ts';

export type FieldIssue = ErrorBody & { item?: number };

interface FieldProps {
  label: string;
  /** The schema path; also the control's data-testid (`field-<path>`). */
  path: string;
  errors?: FieldIssue[];
  hint?: string;
  required?: boolean;
  className?: string;
  children: (control: {
    id: string;
    'aria-describedby'?: string;
    'aria-invalid'?: boolean;
    'aria-required'?: boolean;
    'data-testid': string;
    name: string;
  }) => ReactNode;
}

/** A labelled control with its hint and its inline errors (read out by screen readers). */
export function Field({ label, path, errors = [], hint, required, className, children }: FieldProps) {
  const { pick, t, lang } = useI18n();
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors.length ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${errors.length ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>
        {label}
        {required && (
          <span className="required" title={t('required')}>
            {' '}
            *
          </span>
        )}
      </label>
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      {children({
        id,
        name: path,
        'data-testid': `field-${path}`,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(errors.length ? { 'aria-invalid': true } : {}),
        ...(required ? { 'aria-required': true } : {}),
      })}
      {errors.length > 0 && (
        <ul className="field-errors" id={errorId} data-testid={`error-${path}`}>
          {errors.map((e) => (
            <li key={`${e.item}:${e.code}:${e.message}`}>
              {e.item !== undefined && `${t('fieldLine', { n: e.item + 1 })}${colon(lang)}`}
              {pick(e.messageZh, e.message)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

interface TextFieldProps extends Omit<FieldProps, 'children'> {
  value: string;
  onValue: (value: string) => void;
  onBlur: () => void;
  control?: 'input' | 'textarea';
  /** Further attributes of the control (`type` for inputs only, `rows` for textareas only). */
  inputProps?: Pick<
    InputHTMLAttributes<HTMLInputElement>,
    'autoComplete' | 'autoCapitalize' | 'spellCheck' | 'inputMode' | 'maxLength' | 'readOnly' | 'type'
  > &
    Pick<TextareaHTMLAttributes<HTMLTextAreaElement>, 'rows'>;
}

/** A Field holding one text input (or textarea) bound to a value. */
export function TextField({
  value,
  onValue,
  onBlur,
  control = 'input',
  inputProps,
  ...field
}: TextFieldProps) {
  const { type, rows, ...common } = inputProps ?? {};
  const bound = { ...common, value, onBlur };
  return (
    <Field {...field}>
      {(p) =>
        control === 'textarea' ? (
          <textarea {...p} {...bound} rows={rows} onChange={(e) => onValue(e.target.value)} />
        ) : (
          <input {...p} {...bound} type={type} onChange={(e) => onValue(e.target.value)} />
        )
      }
    </Field>
  );
}
