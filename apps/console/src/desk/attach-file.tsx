// Attaching a file to a reply, where the conversation's channel carries files: a button that
// opens the file picker for the types Ascolto sends (pictures, sounds, videos, documents: never a
// page a browser would run), 16 MB at most; the words in the reply box go with it as its caption.
import type { MAX_ATTACHMENT_BYTES } from '@ascolto/protocol'
import { useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'

// the protocol's limit, restated because only its type crosses to the browser: tsc fails if they part
const MAX_BYTES: typeof MAX_ATTACHMENT_BYTES = 16 * 1024 * 1024
const ACCEPT =
  'image/jpeg,image/png,audio/*,video/mp4,video/3gpp,application/pdf,text/plain,.doc,.docx,.xls,.xlsx,.ppt,.pptx'

/** The file as base64, without the data URL's prefix. */
function base64Of(file: File) {
  return new Promise<string>((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''))
    reader.onerror = () => reject(reader.error)
    reader.readAsDataURL(file)
  })
}

type Props = {
  enabled: boolean
  onAttach: (file: { mimeType: string; data: string }) => Promise<unknown>
}

export function AttachFile({ enabled, onAttach }: Props) {
  const { t } = useTranslation()
  const input = useRef<HTMLInputElement>(null)
  const problemId = useId()
  const [problem, setProblem] = useState<string | null>(null)
  const [sending, setSending] = useState(false)

  async function attach(file: File | undefined) {
    if (!file) return
    setProblem(null)
    if (file.size > MAX_BYTES) return setProblem(t('attach.tooLarge'))
    if (!file.type) return setProblem(t('attach.unknownType'))
    setSending(true)
    try {
      await onAttach({ mimeType: file.type, data: await base64Of(file) })
    } catch {
      setProblem(t('attach.failed'))
    } finally {
      setSending(false)
      if (input.current) input.current.value = ''
    }
  }

  return (
    <>
      <input
        ref={input}
        type="file"
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        accept={ACCEPT}
        onChange={(event) => attach(event.target.files?.[0])}
      />
      <button
        type="button"
        className="button-secondary"
        disabled={!enabled || sending}
        aria-describedby={problem ? problemId : undefined}
        onClick={() => input.current?.click()}
      >
        {sending ? t('attach.sending') : t('attach.button')}
      </button>
      {problem && (
        <p id={problemId} className="attach-problem" role="alert">
          {problem}
        </p>
      )}
    </>
  )
}
