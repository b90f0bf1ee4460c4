// The search over the directory: words, a topic, an area, a language.
import type { DirectorySearch as Search } from '@ascolto/protocol'
import { useId } from 'react'
import { useTranslation } from 'react-i18next'

type Props = { search: Search; topics: readonly string[]; onChange: (search: Search) => void }

export function DirectorySearch({ search, topics, onChange }: Props) {
  const { t } = useTranslation()
  const ids = { q: useId(), topic: useId(), area: useId(), language: useId() }
  const set = (field: keyof Search, value: string) => onChange({ ...search, [field]: value || undefined })
  return (
    <search className="directory-search">
      <div className="field directory-words">
        <label htmlFor={ids.q}>{t('directory.searchWords')}</label>
        <input
          id={ids.q}
          type="search"
          maxLength={100}
          value={search.q ?? ''}
          onChange={(event) => set('q', event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.topic}>{t('directory.topic')}</label>
        <select
          id={ids.topic}
          value={search.topic ?? ''}
          onChange={(event) => set('topic', event.target.value)}
        >
          <option value="">{t('directory.anyTopic')}</option>
          {topics.map((topic) => (
            <option key={topic}>{topic}</option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.area}>{t('directory.area')}</label>
        <input
          id={ids.area}
          maxLength={100}
          value={search.area ?? ''}
          onChange={(event) => set('area', event.target.value)}
        />
      </div>
      <div className="field directory-language">
        <label htmlFor={ids.language}>{t('directory.language')}</label>
        <input
          id={ids.language}
          maxLength={3}
          pattern="[a-z]{2,3}"
          placeholder="ro"
          value={search.language ?? ''}
          onChange={(event) => {
            const code = event.target.value.trim().toLowerCase()
            // a code is asked for once whole: half of one would be refused
            set('language', /^[a-z]{2,3}$/.test(code) ? code : '')
          }}
        />
      </div>
    </search>
  )
}
