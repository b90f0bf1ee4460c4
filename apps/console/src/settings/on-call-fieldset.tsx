// After a safeguarding flag, outside the console: who on call is alerted (a number or an e-mail,
// through one of the helpline's channels, again every few minutes until acknowledged), and
// whether flagged conversations go to clinical review when closed. The address is a staff
// member's own: only coordinators read it, here. Without it, an imminent risk flagged at night
// waits for a supervisor to sign in: the form says so (the week's simulation found it).
import type { HelplineChannelList } from '@ascolto/protocol'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { loadChannels } from '../api/settings.ts'
import { useLabels } from '../desk/labels.ts'
import { useField } from './field.ts'
import type { OnCallForm } from './form-model.ts'
import type { SectionProps } from './sections.ts'
import { TextField } from './text-field.tsx'

type Channels = HelplineChannelList['channels']

export function OnCallFieldset({
  form,
  edit,
  helplineId,
}: Omit<SectionProps, 'languages'> & { helplineId: string }) {
  const { t } = useTranslation()
  // only the door's words are needed here, which do not depend on who is signed in
  const labels = useLabels('')
  const [channels, setChannels] = useState<Channels | null>(null)
  const channel = useField('desk.onCall.channelId')
  const review = useField('desk.reviewFlagged')
  const set = (change: Partial<OnCallForm>) => edit('onCall', { ...form.onCall, ...change })

  useEffect(() => {
    let current = true
    // without the list the choice already saved still shows (by its id), and the rest works
    loadChannels(helplineId).then(
      (list) => current && setChannels(list.channels),
      () => current && setChannels([]),
    )
    return () => {
      current = false
    }
  }, [helplineId])

  const chosen = form.onCall.channelId
  const known = channels?.some((c) => c.id === chosen)
  return (
    <fieldset className="settings-section" id="settings-section-onCall">
      <legend>{t('settings.sections.onCall')}</legend>
      <p className="hint">{t('settings.onCall.intro')}</p>
      {!(chosen && form.onCall.address.trim()) && (
        <p className="settings-warning">{t('settings.onCall.nobody')}</p>
      )}
      <div className="field">
        <label htmlFor={channel.id}>{t('settings.onCall.channel')}</label>
        <select {...channel} value={chosen} onChange={(event) => set({ channelId: event.target.value })}>
          <option value="">{t('settings.onCall.noChannel')}</option>
          {channels?.map((c) => (
            <option key={c.id} value={c.id}>
              {labels.door(c.kind, c.name)}
            </option>
          ))}
          {chosen && channels && !known && (
            <option value={chosen}>{t('settings.onCall.unknownChannel', { id: chosen })}</option>
          )}
        </select>
      </div>
      <TextField
        path="desk.onCall.address"
        label={t('settings.onCall.address')}
        hint={t('settings.onCall.addressHint')}
        value={form.onCall.address}
        onChange={(address) => set({ address })}
      />
      <TextField
        path="desk.onCall.everyMinutes"
        label={t('settings.onCall.every')}
        hint={t('settings.onCall.everyHint')}
        value={form.onCall.everyMinutes}
        onChange={(everyMinutes) => set({ everyMinutes })}
        numeric
      />
      <label className="choice" htmlFor={review.id}>
        <input
          type="checkbox"
          {...review}
          checked={form.reviewFlagged}
          onChange={(event) => edit('reviewFlagged', event.target.checked)}
        />
        {t('settings.onCall.review')}
      </label>
    </fieldset>
  )
}
