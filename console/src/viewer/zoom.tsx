/** Zoom for the document viewers: a few fixed steps, out, in, and back to fit. */
import { useState } from 'react';
import { useI18n } from '../i18n.ts';

export const ZOOM_STEPS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3] as const;
const FIT = ZOOM_STEPS.indexOf(1);

export interface Zoom {
  scale: number;
  zoomIn(): void;
  zoomOut(): void;
  reset(): void;
  canZoomIn: boolean;
  canZoomOut: boolean;
}

export function useZoom(): Zoom {
  const [step, setStep] = useState(FIT);
  return {
    scale: ZOOM_STEPS[step] ?? 1,
    zoomIn: () => setStep((s) => Math.min(ZOOM_STEPS.length - 1, s + 1)),
    zoomOut: () => setStep((s) => Math.max(0, s - 1)),
    reset: () => setStep(FIT),
    canZoomIn: step < ZOOM_STEPS.length - 1,
    canZoomOut: step > 0,
  };
}

export function ZoomControls({ zoom, testId }: { zoom: Zoom; testId: string }) {
  const { pick } = useI18n();
  return (
    <span className="zoom-controls" data-testid={`${testId}-zoom`} data-zoom={zoom.scale}>
      <button
        type="button"
        className="button button-small"
        aria-label={pick('缩小', 'Zoom out')}
        data-testid={`${testId}-zoom-out`}
        disabled={!zoom.canZoomOut}
        onClick={zoom.zoomOut}
      >
        −
      </button>
      <button
        type="button"
        className="button button-small"
        aria-label={pick('恢复原始大小', 'Reset zoom')}
        data-testid={`${testId}-zoom-reset`}
        onClick={zoom.reset}
      >
        {Math.round(zoom.scale * 100)}%
      </button>
      <button
        type="button"
        className="button button-small"
        aria-label={pick('放大', 'Zoom in')}
        data-testid={`${testId}-zoom-in`}
        disabled={!zoom.canZoomIn}
        onClick={zoom.zoomIn}
      >
        +
      </button>
    </span>
  );
}
