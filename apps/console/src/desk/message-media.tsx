// A file the person sent: played or shown in the page when Ascolto keeps it (a voice note, a
// picture, a video), a download otherwise; while it is being fetched, or when it could not be
// kept, a line that says so. The file comes from this server only, with the volunteer's cookie.
import type { MessageView } from '@ascolto/protocol'
import { useTranslation } from 'react-i18next'
import { minutesAndSeconds } from './time-format.ts'
import './delivery.css'

type Media = NonNullable<MessageView['media']>

const kindOf = (mimeType: string | null) => mimeType?.split('/', 1)[0]

export function MessageMedia({ messageId, media }: { messageId: string; media: Media }) {
  const { t } = useTranslation()
  if (media.status === 'pending') return <p className="media-note muted">{t('media.pending')}</p>
  if (media.status !== 'stored') {
    const reason =
      media.error === 'ASCOLTO_ERR_MEDIA_TOO_LARGE'
        ? t('media.tooLarge')
        : media.error === 'ASCOLTO_ERR_MEDIA_TYPE'
          ? t('media.typeRefused')
          : t('media.unavailable')
    return <p className="media-note">{reason}</p>
  }
  const src = `/api/messages/${messageId}/media`
  switch (kindOf(media.mimeType)) {
    case 'audio':
      return (
        <>
          {/* biome-ignore lint/a11y/useMediaCaption: a person's voice note has no captions to offer */}
          <audio
            className="media-audio"
            controls
            preload="none"
            src={src}
            aria-label={t(media.voice ? 'media.voice' : 'media.audio')}
          />
          {/* the length before it is played: the player knows it only once it loads */}
          {media.durationSeconds !== null && (
            <p className="media-note muted">
              {t('media.length', { duration: minutesAndSeconds(media.durationSeconds) })}
            </p>
          )}
        </>
      )
    case 'image':
      return <img className="media-image" src={src} alt={t('media.image')} loading="lazy" />
    case 'video':
      return (
        // biome-ignore lint/a11y/useMediaCaption: a person's video has no captions to offer
        <video className="media-video" controls preload="none" src={src} aria-label={t('media.video')} />
      )
    default:
      return (
        <a className="media-download" href={src} download>
          {t('media.download')}
        </a>
      )
  }
}
