// A list of named items the desk offers (categories, the steps of the playbook, the answers a
// question allows): each a name in every language of the helpline, added, renamed, moved, removed.
// The ids stay out of sight: the form gives a new item one, and a renamed item keeps its own.
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useField } from './field.ts'
import type { LabelledForm, Texts } from './form-model.ts'
import { useRows } from './rows.ts'
import { useLanguageName } from './sections.ts'

type Props<T extends LabelledForm> = {
  /** The list's path in the file, e.g. 'desk.categories'. */
  path: string
  items: T[]
  onChange: (items: T[]) => void
  empty: () => T
  languages: string[]
  /** "Categoria 3" */
  title: (number: number) => string
  add: string
  /** The list holds as many as it may: no "add". */
  full?: boolean
  /** What an item holds beside its name (a question's answers). */
  more?: (item: T, index: number, change: (item: T) => void) => ReactNode
}

export function LabelledList<T extends LabelledForm>(props: Props<T>) {
  const { items, languages } = props
  const rows = useRows(items, props.onChange, props.empty)
  return (
    <>
      <div ref={rows.list} className="labelled-list">
        {items.map((item, index) => {
          const path = `${props.path}[${index}]`
          const number = index + 1
          const name = languages.map((l) => item.label[l]?.trim()).find(Boolean)
          const title = props.title(number)
          const change = (changed: T) => rows.replace(index, changed)
          const tools = (
            <RowTools
              title={title}
              first={index === 0}
              last={index === items.length - 1}
              onMove={(by) => rows.move(index, by)}
              onRemove={() => rows.remove(index)}
            />
          )
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: the index is the item's place in the file
            <fieldset key={index} className="subsection row-item" data-row>
              <legend>{name ? `${title}: ${name}` : title}</legend>
              <div className="row">
                {languages.map((language) => (
                  <NameBox
                    key={language}
                    path={`${path}.label.${language}`}
                    language={language}
                    value={item.label[language] ?? ''}
                    onChange={(value) =>
                      change({ ...item, label: { ...item.label, [language]: value } as Texts })
                    }
                  />
                ))}
                {!props.more && tools}
              </div>
              {props.more?.(item, index, change)}
              {props.more && tools}
            </fieldset>
          )
        })}
      </div>
      {!props.full && (
        <button
          ref={rows.addButton}
          type="button"
          className="button-secondary button-small"
          onClick={rows.add}
        >
          {props.add}
        </button>
      )}
    </>
  )
}

type ToolsProps = {
  title: string
  first: boolean
  last: boolean
  onMove: (by: -1 | 1) => void
  onRemove: () => void
}

/** Move up, move down, remove: each named with its row for a screen reader ("Sposta su Categoria 2"). */
function RowTools({ title, first, last, onMove, onRemove }: ToolsProps) {
  const { t } = useTranslation()
  return (
    <div className="row-tools">
      <button
        type="button"
        className="button-quiet button-small"
        data-move="up"
        disabled={first}
        onClick={() => onMove(-1)}
      >
        <span aria-hidden="true">↑ </span>
        {t('settings.moveUp')}
        <span className="visually-hidden"> {title}</span>
      </button>
      <button
        type="button"
        className="button-quiet button-small"
        data-move="down"
        disabled={last}
        onClick={() => onMove(1)}
      >
        <span aria-hidden="true">↓ </span>
        {t('settings.moveDown')}
        <span className="visually-hidden"> {title}</span>
      </button>
      <button type="button" className="button-quiet button-small" onClick={onRemove}>
        {t('settings.remove')}
        <span className="visually-hidden"> {title}</span>
      </button>
    </div>
  )
}

type NameProps = { path: string; language: string; value: string; onChange: (value: string) => void }

function NameBox({ path, language, value, onChange }: NameProps) {
  const { t } = useTranslation()
  const languageName = useLanguageName()
  const field = useField(path)
  return (
    <div className="field grow">
      <label htmlFor={field.id}>{t('settings.nameIn', { language: languageName(language) })}</label>
      <input
        type="text"
        {...field}
        lang={language}
        maxLength={200}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  )
}
