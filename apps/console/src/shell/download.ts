// A JSON file handed to the browser's downloads, made in the page (no second request to the server).
export function downloadJson(value: unknown, fileName: string) {
  const blob = new Blob([`${JSON.stringify(value, null, 2)}\n`], { type: 'application/json' })
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  document.body.append(link)
  link.click()
  link.remove()
  // the download has its own copy once started
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
