import type { ReactNode } from 'react';
import { useOfficerAction } from '../../hooks/use-officer-case.ts';

/**
 * A button that posts an officer's action through the page's one action: disabled while any action
 * runs, its failure shown by the page. `record` posts leave the step open; `confirm` asks first.
 */
export function ActionButton({
  testId,
  className = 'button button-primary',
  disabled = false,
  kind = 'decide',
  confirm,
  post,
  children,
}: {
  testId: string;
  className?: string;
  disabled?: boolean;
  kind?: 'decide' | 'record';
  confirm?: string;
  post: () => Promise<unknown>;
  children: ReactNode;
}) {
  const action = useOfficerAction();
  return (
    <button
      type="button"
      className={className}
      data-testid={testId}
      disabled={action.busy || disabled}
      onClick={() => {
        if (confirm === undefined || window.confirm(confirm)) void action[kind](post);
      }}
    >
      {children}
    </button>
  );
}
