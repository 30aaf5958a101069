import { useTranslation } from 'react-i18next';
import type { ListingLocation } from '@openipp/shared';

/** Percent with at most one decimal, for people. */
const percent = (value: number) => Math.round(value * 1_000) / 10;

export function LocationSummary({ location }: { location: ListingLocation | null }) {
  const { t } = useTranslation();
  let text: string;
  switch (location?.kind) {
    case undefined:
      text = t('complaint.location.none');
      break;
    case 'region':
      text = t('complaint.location.region', {
        x: percent(location.x),
        y: percent(location.y),
        width: percent(location.width),
        height: percent(location.height),
      });
      break;
    case 'text':
      text = t('complaint.location.text', { quote: location.quote });
      break;
    case 'element':
      text = t('complaint.location.element', { selector: location.selector });
      break;
  }
  return (
    <p className={`small ${location ? '' : 'warn'}`} data-testid="location-summary" data-kind={location?.kind ?? 'none'}>
      {text}
    </p>
  );
}

export interface QuoteInputProps {
  location: ListingLocation | null;
  onChange: (location: ListingLocation | null) => void;
}

/**
 * A quoted text is the other way to point at the content. Typing replaces a
 * marked region; emptying the field removes the quote.
 */
export function QuoteInput({ location, onChange }: QuoteInputProps) {
  const { t } = useTranslation();
  return (
    <label className="quote">
      <span className="small">{t('complaint.location.quote')}</span>
      <input
        type="text"
        data-testid="quote-input"
        maxLength={2_000}
        value={location?.kind === 'text' ? location.quote : ''}
        onChange={(event) => {
          const quote = event.target.value;
          if (quote !== '') onChange({ kind: 'text', quote });
          else if (location?.kind === 'text') onChange(null);
        }}
      />
    </label>
  );
}
