// The settings as a file: downloaded from the form as it is, read back into it. Nothing is saved
// until the coordinator presses Save.
import { slug } from './form-model.ts'

export function downloadSettings(settings: { name?: string }) {
  const blob = new Blob([`${JSON.stringify(settings, null, 2)}\n`], { type: 'application/json' })
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = `${slug(settings.name ?? '') || 'helpline'}-settings.json`
  document.body.append(link)
  link.click()
  link.remove()
  // the download has its own copy once started
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

/** The file's JSON object, or null when it is not JSON or not an object. */
export async function readSettingsFile(file: File): Promise<Record<string, unknown> | null> {
  try {
    const value: unknown = JSON.parse(await file.text())
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null
  } catch {
    return null
  }
}
