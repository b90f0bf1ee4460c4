// A soft two-note chime, made on the spot (no sound file to fetch): for a new conversation or
// message, and again and again for a safeguarding flag no supervisor has acknowledged.
let context: AudioContext | undefined

export function chime(urgent = false) {
  try {
    context ??= new AudioContext()
    const now = context.currentTime
    for (const [i, frequency] of (urgent ? [880, 660, 880] : [660, 880]).entries()) {
      const oscillator = context.createOscillator()
      const gain = context.createGain()
      oscillator.frequency.value = frequency
      gain.gain.setValueAtTime(0.0001, now + i * 0.18)
      gain.gain.exponentialRampToValueAtTime(0.08, now + i * 0.18 + 0.02)
      gain.gain.exponentialRampToValueAtTime(0.0001, now + i * 0.18 + 0.16)
      oscillator.connect(gain).connect(context.destination)
      oscillator.start(now + i * 0.18)
      oscillator.stop(now + i * 0.18 + 0.17)
    }
  } catch {
    // no audio (a policy, no device): the visual alert remains
  }
}

/** A desktop notification, when the operator allowed them; silent otherwise. */
export function notify(title: string, body: string) {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return
  if (document.visibilityState === 'visible' && document.hasFocus()) return
  try {
    new Notification(title, { body, tag: title })
  } catch {
    // some browsers allow notifications from a service worker only
  }
}
