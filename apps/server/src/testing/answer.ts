/** An HTTP answer as the tests read it: its status, its body as JSON (or the text when it is not), its headers. */
export async function answerOf(response: Response) {
  const text = await response.text()
  let json: unknown
  try {
    json = text ? JSON.parse(text) : undefined
  } catch {
    json = text
  }
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON came back
  return { status: response.status, body: json as any, headers: response.headers }
}
