// The settings as a file: downloaded from the form as it is, read back into it. Nothing is saved
// until the coordinator presses Save.
import { downloadJson } from '../shell/download.ts'
import { slug } from './form-parts.ts'

export function downloadSettings(settings: { name?: string }) {
  downloadJson(settings, `${slug(settings.name ?? '') || 'helpline'}-settings.json`)
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
