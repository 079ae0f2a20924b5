import type { InputHTMLAttributes, ReactNode } from 'react';

/** A control with its label in a `.field` box (the label names the control by its id). */
export function LabelledField({
  id,
  label,
  children,
}: {
  id: string;
  label: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
    </div>
  );
}

interface Bound {
  id: string;
  label: ReactNode;
  /** The control's data-testid; its id when not given. */
  testId?: string;
  value: string;
  onValue: (value: string) => void;
}

/** A labelled select. `any` adds a first option with the empty value (no choice). */
export function SelectField({
  options,
  any,
  ...bound
}: Bound & { options: ReadonlyArray<readonly [value: string, text: string]>; any?: string }) {
  const { id, label, testId = id, value, onValue } = bound;
  return (
    <LabelledField id={id} label={label}>
      <select id={id} data-testid={testId} value={value} onChange={(e) => onValue(e.target.value)}>
        {any !== undefined && <option value="">{any}</option>}
        {options.map(([option, text]) => (
          <option key={option} value={option}>
            {text}
          </option>
        ))}
      </select>
    </LabelledField>
  );
}

/** A labelled text input; further attributes go to the input. */
export function InputField({
  id,
  label,
  testId = id,
  value,
  onValue,
  ...attributes
}: Bound & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange' | 'children'>) {
  return (
    <LabelledField id={id} label={label}>
      <input
        id={id}
        data-testid={testId}
        value={value}
        onChange={(e) => onValue(e.target.value)}
        {...attributes}
      />
    </LabelledField>
  );
}
