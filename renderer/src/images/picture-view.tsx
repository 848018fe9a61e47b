import { useEffect, useState } from 'react';
import type { AccuracyImage } from '../../../core/api/accuracy-images.js';
import { countsText, overlayShapes } from '../../../core/present/accuracy-pictures.js';
import { useLab } from '../lab-context.js';

const SHOWN_PX = 360;

/**
 * One image of an accuracy run with its marks over it: the image's bytes come through LabApi (only
 * images the run's set names), the marks are SVG in the original pixels, so they scale with it.
 */
export function PictureView({ runId, image, classNames, pixels }: { runId: string; image: AccuracyImage; classNames: ReadonlyMap<number, string>; pixels: boolean }) {
  const lab = useLab();
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setSrc(null);
    lab.accuracyImage({ runId, file: image.file }).then(
      (f) => live && setSrc(`data:${f.contentType};base64,${f.base64}`),
      (e: unknown) => live && setFailed(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [lab, runId, image.file]);
  const scale = Math.min(1, SHOWN_PX / Math.max(image.width, image.height)) * (Math.max(image.width, image.height) < 200 ? 4 : 1);
  const w = Math.round(image.width * scale);
  const h = Math.round(image.height * scale);
  const stroke = Math.max(1, Math.max(image.width, image.height) / 150);
  const counts = countsText(image.counts, pixels ? 'pixels' : 'objects');
  return (
    <figure className="picture" data-file={image.file}>
      <div style={{ position: 'relative', width: w, height: h, background: '#222' }}>
        {src ? <img src={src} width={w} height={h} alt={`${image.file}: ${counts}`} style={{ position: 'absolute', left: 0, top: 0, imageRendering: scale > 1 ? 'pixelated' : 'auto' }} /> : null}
        <svg viewBox={`0 0 ${image.width} ${image.height}`} width={w} height={h} style={{ position: 'absolute', left: 0, top: 0 }} role="img" aria-label={`Marks on ${image.file}`}>
          {image.overlays.map((o) => <image key={o.categoryId} href={o.dataUrl} x={0} y={0} width={image.width} height={image.height} preserveAspectRatio="none" data-category={o.categoryId} />)}
          {overlayShapes(image, classNames).map((s, i) => {
            const common = { fill: 'none', stroke: s.colour, strokeWidth: stroke, strokeDasharray: s.dashed ? `${stroke * 3} ${stroke * 2}` : undefined, 'data-status': s.status };
            return s.kind === 'rect'
              ? <rect key={i} x={s.x} y={s.y} width={s.width} height={s.height} {...common}><title>{s.label}</title></rect>
              : <polygon key={i} points={s.points} {...common}><title>{s.label}</title></polygon>;
          })}
        </svg>
      </div>
      <figcaption>
        <span className="mono">{image.file}</span>: score {image.score.toFixed(3)}; {counts}
        {failed ? <span className="error-message"> {failed}</span> : null}
      </figcaption>
    </figure>
  );
}
