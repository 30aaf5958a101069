import { SHOP_MARKETPLACES, SHOP_PROOFS_MAX, SHOP_PROOFS_MIN, type ShopMarketplace } from '@openipp/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../hooks/use-error-text';
import { NAMESPACES } from '../i18n';
import { ApiError, type ApiClient } from '../lib/api';
import type { FieldErrors } from '../lib/field-errors';
import { EMPTY_SHOP_CLAIM_DRAFT, shopClaimDataOf, shopClaimFieldErrors, type ShopClaimDraft, type ShopUrlProblem } from '../lib/shop-claim';
import { DocumentPicker, type PickedDocuments } from './document-picker';
import { FieldError } from './field-error';

const NO_FILES: PickedDocuments = { files: [], checks: [] };
const URL_PROBLEMS: readonly ShopUrlProblem[] = ['no_shop', 'other_marketplace'];

type LocalProblem = 'fields' | 'proofs';

/** "Claim a shop": the marketplace, the shop by URL or id, and 1–3 proofs that the seller runs it, as one multipart request. */
export function ShopClaimForm({ api, onAdded }: { api: ApiClient; onAdded: () => void }) {
  const { t } = useTranslation(NAMESPACES);
  const errorText = useErrorText();
  const [draft, setDraft] = useState<ShopClaimDraft>(EMPTY_SHOP_CLAIM_DRAFT);
  const [proofs, setProofs] = useState<PickedDocuments>(NO_FILES);
  // Remounts the file input after a successful claim, which is the only way to clear it.
  const [formKey, setFormKey] = useState(0);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<unknown>();
  const [localProblem, setLocalProblem] = useState<LocalProblem>();
  const [added, setAdded] = useState(false);
  const set = <K extends keyof ShopClaimDraft>(key: K, value: ShopClaimDraft[K]) => setDraft((current) => ({ ...current, [key]: value }));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitError(undefined);
    setLocalProblem(undefined);
    setAdded(false);
    const result = shopClaimDataOf(draft);
    setFieldErrors(result.ok ? {} : result.errors);
    if (!result.ok) return setLocalProblem('fields');
    const count = proofs.files.length;
    if (count < SHOP_PROOFS_MIN || count > SHOP_PROOFS_MAX || proofs.checks.some((check) => check.problem)) return setLocalProblem('proofs');
    setSubmitting(true);
    try {
      await api.claimShop(result.data, proofs.files);
      setDraft((current) => ({ ...EMPTY_SHOP_CLAIM_DRAFT, marketplace: current.marketplace, by: current.by }));
      setProofs(NO_FILES);
      setFormKey((key) => key + 1);
      setAdded(true);
      onAdded();
    } catch (caught) {
      setSubmitError(caught);
      if (caught instanceof ApiError && caught.code === 'validation_failed') setFieldErrors(shopClaimFieldErrors(caught.errors));
    } finally {
      setSubmitting(false);
    }
  }

  const field = draft.by === 'id' ? 'shopId' : 'shopUrl';
  const codes = fieldErrors[field] ?? [];
  const urlProblems = URL_PROBLEMS.filter((code) => codes.includes(code));

  return (
    <div className="card" aria-labelledby="shop-claim-heading">
      <div className="card-heading">
        <div>
          <h2 id="shop-claim-heading">{t('seller:shops.form.heading')}</h2>
          <p className="muted">{t('seller:shops.form.subtitle')}</p>
        </div>
      </div>
      <form className="admin-form" onSubmit={(event) => void submit(event)} noValidate key={formKey} data-testid="shop-claim-form">
        <div className="form-grid">
          <label className="field">
            <span className="field-label">{t('seller:shops.form.marketplace')}</span>
            <select data-testid="shop-claim-marketplace" value={draft.marketplace} onChange={(event) => set('marketplace', event.target.value as ShopMarketplace)}>
              {SHOP_MARKETPLACES.map((marketplace) => (
                <option key={marketplace} value={marketplace}>
                  {t(`complaints.marketplaces.${marketplace}`)}
                </option>
              ))}
            </select>
            <FieldError field="marketplace" codes={fieldErrors.marketplace} />
          </label>
          <div className="field">
            <span className="field-label">{t('seller:shops.form.by')}</span>
            <div className="segmented" role="radiogroup" aria-label={t('seller:shops.form.by')}>
              {(['url', 'id'] as const).map((by) => (
                <button
                  key={by}
                  type="button"
                  role="radio"
                  className={`button ${draft.by === by ? 'button-primary' : ''}`}
                  aria-checked={draft.by === by}
                  data-testid={`shop-claim-by-${by}`}
                  onClick={() => set('by', by)}
                >
                  {t(`seller:shops.form.byOptions.${by}`)}
                </button>
              ))}
            </div>
          </div>
          {draft.by === 'url' ? (
            <label className="field field-wide">
              <span className="field-label">{t('seller:shops.form.shopUrl')}</span>
              <input data-testid="shop-claim-url" type="url" inputMode="url" maxLength={2048} value={draft.shopUrl} placeholder={t('seller:shops.form.shopUrlPlaceholder')} onChange={(event) => set('shopUrl', event.target.value)} />
              <span className="muted small">{t('seller:shops.form.shopUrlHint')}</span>
              {urlProblems.length > 0 ? (
                <span className="field-error" role="alert" data-testid="field-error" data-field="shopUrl">
                  {urlProblems.map((code) => t(`seller:shops.form.urlProblems.${code}`)).join(' ')}
                </span>
              ) : (
                <FieldError field="shopUrl" codes={fieldErrors.shopUrl} />
              )}
            </label>
          ) : (
            <label className="field field-wide">
              <span className="field-label">{t('seller:shops.form.shopId')}</span>
              <input data-testid="shop-claim-id" className="mono-input" maxLength={100} value={draft.shopId} onChange={(event) => set('shopId', event.target.value)} />
              <span className="muted small">{t('seller:shops.form.shopIdHint')}</span>
              <FieldError field="shopId" codes={fieldErrors.shopId} />
            </label>
          )}
        </div>
        <DocumentPicker
          testId="shop-claim-proofs"
          label={t('seller:shops.form.proofs')}
          hint={t('seller:shops.form.proofsHint', { max: SHOP_PROOFS_MAX })}
          multiple
          picked={proofs}
          onChange={setProofs}
        />
        <FieldError field="proof" codes={fieldErrors.proof} />
        {localProblem && (
          <p className="form-error" role="alert" data-testid="shop-claim-error" data-problem={localProblem}>
            {t(`seller:shops.form.problems.${localProblem}`, { max: SHOP_PROOFS_MAX })}
          </p>
        )}
        {submitError !== undefined && (
          <p className="form-error" role="alert" data-testid="shop-claim-error" data-code={submitError instanceof ApiError ? submitError.code : ''}>
            {errorText(submitError)}
          </p>
        )}
        {added && (
          <p className="form-success" role="status" data-testid="shop-claim-added">
            {t('seller:shops.form.added')}
          </p>
        )}
        <div className="form-actions">
          <button data-testid="shop-claim-submit" className="button button-primary" type="submit" disabled={submitting}>
            {submitting ? t('seller:shops.form.claiming') : t('seller:shops.form.claim')}
          </button>
        </div>
      </form>
    </div>
  );
}
