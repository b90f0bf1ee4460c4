// widget.js, the loader a helpline's site embeds: a few hundred bytes, served to revalidate, so
// a new release reaches every site at once. It adds the hashed bundle (cached for a year) next to
// itself; the bundle reads its options from this tag, handed over as `ascoltoLoader`. Calls to
// Ascolto.init made before the bundle arrives wait in a queue. The build writes the bundle's
// name in place of __BUNDLE__.
;(() => {
  const loader = document.currentScript
  if (!window.Ascolto) {
    const queued = []
    window.Ascolto = { init: (options) => queued.push(options), queued }
  }
  if (!loader) return
  const bundle = document.createElement('script')
  bundle.src = new URL('__BUNDLE__', loader.src).href
  bundle.async = true
  bundle.ascoltoLoader = loader
  ;(document.head || document.documentElement).appendChild(bundle)
})()
