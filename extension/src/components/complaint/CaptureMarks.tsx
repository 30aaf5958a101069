import { useTranslation } from 'react-i18next';
import { drawnMarks, regionStyle, type CaptureMark } from '@openipp/shared';

/**
 * The marks made on the page before the capture (issue #7, part 3), drawn
 * over the capture's picture: numbered boxes, relative to the picture so they
 * fit whatever size it is shown at. Placed inside a positioned container
 * holding the picture (RegionPicker's area).
 */
export function MarkBoxes({ marks }: { marks: readonly CaptureMark[] | undefined }) {
  const { t } = useTranslation();
  return (
    <>
      {drawnMarks(marks).map(({ mark, box, index }) => (
        <div
          key={index}
          className={`mark-box mark-${mark.kind}`}
          data-testid="mark-box"
          data-kind={mark.kind}
          style={regionStyle(box)}
          title={t('marks.boxTitle', { number: index + 1 })}
        >
          <span className="mark-number">{index + 1}</span>
        </div>
      ))}
    </>
  );
}

/** The same marks as a numbered list, so quotes and elements off the picture are seen too. */
export function MarkList({ marks }: { marks: readonly CaptureMark[] | undefined }) {
  const { t } = useTranslation();
  if (!marks || marks.length === 0) return null;
  return (
    <div className="mark-list small" data-testid="mark-list">
      <span className="strong">{t('marks.listTitle')}</span>
      <ol>
        {marks.map((mark, index) => (
          <li key={index} data-testid="mark-item" data-kind={mark.kind}>
            {mark.kind === 'region'
              ? t('marks.regionItem')
              : mark.kind === 'element'
                ? t('marks.elementItem', { excerpt: mark.excerpt || mark.selector })
                : t('marks.textItem', { quote: mark.quote })}
          </li>
        ))}
      </ol>
    </div>
  );
}
