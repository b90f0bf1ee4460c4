// The closed conversations, to look back at: by door, category, flag, the days they closed on, who
// handled them, whether the person left before an answer, and the person's pseudonym. A volunteer
// sees the ones they handled; supervisors and coordinators the helpline's. Each opens as any
// conversation does (and is audited as read); the search itself is audited too.
import type {
  ClosedConversationList,
  ClosedConversationsQuery,
  DeskSetup,
  Membership,
} from '@ascolto/protocol'
import { type FormEvent, useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { useLabels } from '../desk/labels.ts'
import { ScreenTop } from '../desk/screen-top.tsx'
import { localized } from '../desk/use-desk-setup.ts'
import { archiveHref, conversationHref } from '../desk/use-hash-route.ts'
import '../room/room.css'
import './archive.css'
import { listClosedConversations } from './archive-api.ts'
import { FilterChoice } from './filter-choice.tsx'

type Props = {
  helplines: Membership[]
  helplineId: string
  supervises: boolean
  setup: DeskSetup | undefined
  labels: ReturnType<typeof useLabels>
  onError: (error: unknown) => void
}

type Filters = Omit<ClosedConversationsQuery, 'helplineId' | 'before'>
const NONE: Filters = {}

export function ArchiveScreen({ helplines, helplineId, supervises, setup, labels, onError }: Props) {
  const { t, i18n } = useTranslation()
  const headingId = useId()
  const ids = { from: useId(), to: useId(), who: useId() }
  const heading = useRef<HTMLHeadingElement>(null)
  const [typed, setTyped] = useState<Filters>(NONE)
  const [filters, setFilters] = useState<Filters>(NONE)
  const [list, setList] = useState<ClosedConversationList | null>(null)
  const say = (text: Parameters<typeof localized>[0]) => localized(text, i18n.language, setup?.languages)
  const categoryName = (id: string) => {
    const found = setup?.desk.categories?.find((category) => category.id === id)
    return found ? say(found.label) : id
  }

  useEffect(() => {
    let current = true
    setList(null)
    listClosedConversations({ helplineId, ...filters }).then((loaded) => current && setList(loaded), onError)
    return () => {
      current = false
    }
  }, [helplineId, filters, onError])

  const more = async () => {
    const last = list?.conversations.at(-1)
    if (!list || !last) return
    const next = await listClosedConversations({ helplineId, ...filters, before: last.closedAt }).catch(
      onError,
    )
    if (next) setList({ ...next, conversations: [...list.conversations, ...next.conversations] })
  }
  const set = <K extends keyof Filters>(key: K, value: Filters[K] | '') =>
    setTyped(({ [key]: _old, ...rest }) =>
      value === '' || value === undefined ? rest : { ...rest, [key]: value },
    )
  const submit = (event: FormEvent) => {
    event.preventDefault()
    setFilters(typed)
  }
  const day = (at: string) =>
    new Intl.DateTimeFormat(i18n.resolvedLanguage ?? 'it', { dateStyle: 'short', timeStyle: 'short' }).format(
      new Date(at),
    )

  return (
    <main id="settings" className="settings-page room-page" tabIndex={-1} aria-labelledby={headingId}>
      <ScreenTop
        headingId={headingId}
        heading={heading}
        title={t('archive.title')}
        helplines={{ all: helplines, current: helplineId, hrefOf: archiveHref }}
      />
      <p className="hint">{t(supervises ? 'archive.introSupervisor' : 'archive.introVolunteer')}</p>
      <form className="archive-filters" onSubmit={submit} aria-label={t('archive.filters')}>
        <div className="field">
          <label htmlFor={ids.who}>{t('archive.pseudonym')}</label>
          <input
            id={ids.who}
            inputMode="numeric"
            placeholder="3154"
            value={typed.pseudonym ?? ''}
            onChange={(event) => set('pseudonym', event.target.value)}
          />
        </div>
        <FilterChoice
          label={t('archive.door')}
          any={t('archive.any')}
          value={typed.channelId}
          options={(list?.doors ?? []).map((door) => ({
            value: door.id,
            label: labels.door(door.kind, door.name),
          }))}
          onChange={(value) => set('channelId', value)}
        />
        <FilterChoice
          label={t('archive.category')}
          any={t('archive.any')}
          value={typed.category}
          options={(setup?.desk.categories ?? []).map((c) => ({ value: c.id, label: say(c.label) }))}
          onChange={(value) => set('category', value)}
        />
        <FilterChoice
          label={t('archive.flag')}
          any={t('archive.any')}
          value={typed.flag}
          options={[
            { value: 'any', label: t('archive.anyFlag') },
            { value: 'minor_at_risk', label: t('flag.kinds.minor_at_risk') },
            { value: 'imminent_risk', label: t('flag.kinds.imminent_risk') },
          ]}
          onChange={(value) => set('flag', value as Filters['flag'] | '')}
        />
        <div className="field">
          <label htmlFor={ids.from}>{t('statistics.from')}</label>
          <input
            id={ids.from}
            type="date"
            value={typed.from ?? ''}
            onChange={(event) => set('from', event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.to}>{t('statistics.to')}</label>
          <input
            id={ids.to}
            type="date"
            value={typed.to ?? ''}
            onChange={(event) => set('to', event.target.value)}
          />
        </div>
        {supervises && (
          <FilterChoice
            label={t('archive.handledBy')}
            any={t('archive.anyone')}
            value={typed.handledBy}
            options={(setup?.colleagues ?? []).map((c) => ({ value: c.id, label: c.displayName }))}
            onChange={(value) => set('handledBy', value)}
          />
        )}
        <label className="choice">
          <input
            type="checkbox"
            checked={typed.abandoned === 'true'}
            onChange={(event) => set('abandoned', event.target.checked ? 'true' : '')}
          />
          {t('archive.abandonedOnly')}
        </label>
        <div className="form-actions">
          <button type="submit" className="button-primary">
            {t('archive.search')}
          </button>
          <button
            type="button"
            className="button-quiet"
            onClick={() => {
              setTyped(NONE)
              setFilters(NONE)
            }}
          >
            {t('archive.clear')}
          </button>
        </div>
      </form>
      {!list ? (
        <p className="muted" role="status">
          {t('archive.loading')}
        </p>
      ) : list.conversations.length === 0 ? (
        <p role="status">{t('archive.none')}</p>
      ) : (
        <>
          <p role="status" className="visually-hidden">
            {t('archive.found', { count: list.conversations.length })}
          </p>
          <ul className="archive-list">
            {list.conversations.map((conversation) => (
              <li key={conversation.id}>
                <a className="archive-item" href={conversationHref(conversation.id)}>
                  <span className="pseudonym">{labels.pseudonym(conversation)}</span>
                  <span className="archive-meta">
                    {labels.door(conversation.channelKind, conversation.channelName)} ·{' '}
                    {t('archive.closedAt', { time: day(conversation.closedAt) })}
                    {conversation.handledBy &&
                      ` · ${t('archive.by', { name: conversation.handledBy.displayName })}`}
                  </span>
                  <span className="queue-marks">
                    {conversation.abandoned && (
                      <span className="mark person-left">{t('archive.abandoned')}</span>
                    )}
                    {conversation.flags.map((kind) => (
                      <span key={kind} className="mark flag">
                        {t(`flag.kinds.${kind as 'minor_at_risk' | 'imminent_risk'}`)}
                      </span>
                    ))}
                    {conversation.categories.map((id) => (
                      <span key={id} className="mark">
                        {categoryName(id)}
                      </span>
                    ))}
                  </span>
                </a>
              </li>
            ))}
          </ul>
          {list.more && (
            <button type="button" className="button-secondary" onClick={more}>
              {t('archive.more')}
            </button>
          )}
        </>
      )}
    </main>
  )
}
