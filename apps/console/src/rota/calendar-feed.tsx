// The operator's private calendar address: made (or renewed, which ends the old one) on demand
// and shown once, since the server keeps only its hash.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { renewCalendarFeed } from './rota-api.ts'

export function CalendarFeed({ onError }: { onError: (error: unknown) => void }) {
  const { t } = useTranslation()
  const [url, setUrl] = useState<string | null>(null)
  return (
    <section aria-labelledby="rota-feed" className="rota-feed">
      <h2 id="rota-feed">{t('rota.feed')}</h2>
      <p className="hint">{t('rota.feedHint')}</p>
      <button
        type="button"
        className="button-secondary"
        onClick={() => renewCalendarFeed().then((feed) => setUrl(feed.url), onError)}
      >
        {url ? t('rota.feedRenew') : t('rota.feedMake')}
      </button>
      {url && (
        <div className="field">
          <label htmlFor="rota-feed-url">{t('rota.feedUrl')}</label>
          <input id="rota-feed-url" readOnly value={url} onFocus={(e) => e.target.select()} />
        </div>
      )}
    </section>
  )
}
