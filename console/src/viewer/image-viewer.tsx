/** An image document, zoomable: the buttons, or a click on the image to go between fit and 200 %. */
import { useRef } from 'react';
import { useI18n } from '../i18n.ts';
import { useZoom, ZoomControls } from './zoom.tsx';

export function ImageViewer({ url, label, testId }: { url: string; label: string; testId: string }) {
  const { pick } = useI18n();
  const zoom = useZoom();
  // The link of the first render stays the image's source: a fresh link to the same upload (each
  // read of the case signs new ones) would only make the browser download it again.
  const src = useRef(url);
  return (
    <div className="image-viewer" data-testid={testId}>
      <div className="viewer-toolbar">
        <ZoomControls zoom={zoom} testId={testId} />
      </div>
      <div className="image-frame">
        <button
          type="button"
          className="image-zoom-toggle"
          aria-label={pick('切换放大', 'Toggle zoom')}
          onClick={zoom.scale === 1 ? () => [zoom.zoomIn(), zoom.zoomIn(), zoom.zoomIn()] : zoom.reset}
        >
          <img
            src={src.current}
            alt={label}
            referrerPolicy="no-referrer"
            loading="lazy"
            style={{ width: `${zoom.scale * 100}%` }}
          />
        </button>
      </div>
    </div>
  );
}
