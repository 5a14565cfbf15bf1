// Hands a file the console made or fetched to the browser as a download.
export function saveFile(file: Blob, name: string): void {
  const url = URL.createObjectURL(file)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
  // The download has its own copy once started.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
