import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PageReadCorrectionSchema, type PageRead, type PageReadCorrection } from '@openipp/shared';
import { useQueue } from '@/hooks/useQueue';
import { useStorageValue } from '@/hooks/useStorageValue';
import { sendMessage } from '@/lib/messaging';
import { pageReadCorrectionsItem, type StoredCorrection } from '@/lib/page-read-correction';
import type { QueueEntry } from '@/lib/queue';
import { ErrorText } from './ErrorText';

/**
 * What was read from the page of the latest capture (issue #7, part 4), for
 * the user to check and correct. The capture is already on its way: the
 * correction travels separately (lib/page-read-correction.ts) and never
 * alters the signed record of what was read.
 */

type Fields = Record<'title' | 'amount' | 'currency' | 'shopName' | 'shopId' | 'seller', string>;

function toFields(values: PageReadCorrection): Fields {
  return {
    title: values.title ?? '',
    amount: values.price?.amount ?? '',
    currency: values.price?.currency ?? '',
    shopName: values.shopName ?? '',
    shopId: values.shopId ?? '',
    seller: values.seller ?? '',
  };
}

function toCorrection(fields: Fields): unknown {
  const text = (value: string) => (value.trim() === '' ? null : value.trim());
  const amount = text(fields.amount);
  return {
    title: text(fields.title),
    price: amount === null ? null : { amount, currency: text(fields.currency)?.toUpperCase() ?? null },
    shopName: text(fields.shopName),
    shopId: text(fields.shopId),
    seller: text(fields.seller),
  };
}

function readValues(read: PageRead): PageReadCorrection {
  const { title, price, shopName, shopId, seller } = read;
  return { title, price, shopName, shopId, seller };
}

/** The newest capture that is queued, uploading or synced and has a read: failed ones are the queue list's business. */
function latestWithRead(entries: readonly QueueEntry[]): (QueueEntry & { meta: { pageRead: PageRead } }) | undefined {
  const entry = entries.find((candidate) => candidate.status === 'pending' || candidate.status === 'uploading' || candidate.status === 'synced');
  return entry?.meta.pageRead ? (entry as QueueEntry & { meta: { pageRead: PageRead } }) : undefined;
}

const FIELD_KEYS = ['title', 'amount', 'currency', 'shopName', 'shopId', 'seller'] as const;

export function PageReadPanel() {
  const { t } = useTranslation();
  const { entries } = useQueue();
  const { value: corrections } = useStorageValue(pageReadCorrectionsItem);
  const [editing, setEditing] = useState<{ entryId: string; fields: Fields } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const entry = latestWithRead(entries);
  if (!entry) return null;
  const stored = corrections[entry.id];
  const shown = stored?.correction ?? readValues(entry.meta.pageRead);
  const fields = toFields(shown);

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!editing) return;
    const parsed = PageReadCorrectionSchema.safeParse(toCorrection(editing.fields));
    if (!parsed.success) {
      setError('validation_failed');
      return;
    }
    setSaving(true);
    const result = await sendMessage('correctPageRead', { entryId: editing.entryId, correction: parsed.data }).catch(() => ({ ok: false as const, code: 'internal_error' }));
    setSaving(false);
    if (result.ok) {
      setEditing(null);
      setError(null);
    } else {
      setError(result.code);
    }
  }

  if (editing?.entryId === entry.id) {
    return (
      <form className="page-read" data-testid="page-read-form" onSubmit={(event) => void save(event)}>
        <h2>{t('pageRead.title')}</h2>
        {FIELD_KEYS.map((key) => (
          <label key={key}>
            {t(`pageRead.fields.${key}`)}
            <input
              data-testid={`page-read-input-${key}`}
              value={editing.fields[key]}
              onChange={(event) => setEditing({ ...editing, fields: { ...editing.fields, [key]: event.target.value } })}
            />
          </label>
        ))}
        {error && <ErrorText code={error} testId="page-read-error" />}
        <div className="toolbar">
          <button type="submit" data-testid="page-read-save" disabled={saving}>
            {t('pageRead.save')}
          </button>
          <button type="button" className="link" onClick={() => (setEditing(null), setError(null))}>
            {t('pageRead.cancel')}
          </button>
        </div>
      </form>
    );
  }

  return <PageReadSummary shown={shown} stored={stored} onEdit={() => setEditing({ entryId: entry.id, fields })} />;
}

/** The read (or the user's correction of it) as the popup shows it. */
export function PageReadSummary({ shown, stored, onEdit }: { shown: PageReadCorrection; stored: StoredCorrection | undefined; onEdit: () => void }) {
  const { t } = useTranslation();
  const fields = toFields(shown);
  const price = fields.amount ? `${fields.amount}${fields.currency ? ` ${fields.currency}` : ''}` : '';
  const rows: Array<[string, string]> = [
    ['title', fields.title],
    ['price', price],
    ['shopName', fields.shopName],
    ['shopId', fields.shopId],
    ['seller', fields.seller],
  ];
  return (
    <section className="page-read" data-testid="page-read">
      <h2>{t('pageRead.title')}</h2>
      <p className="muted small">{t(stored ? (stored.sent ? 'pageRead.corrected' : 'pageRead.correctionWaiting') : 'pageRead.hint')}</p>
      <dl>
        {rows.map(([key, value]) => (
          <div key={key}>
            <dt>{t(`pageRead.fields.${key}`)}</dt>
            <dd data-testid={`page-read-${key}`}>{value || t('pageRead.notFound')}</dd>
          </div>
        ))}
      </dl>
      <button type="button" className="link" data-testid="page-read-edit" onClick={onEdit}>
        {t('pageRead.edit')}
      </button>
    </section>
  );
}
