/** Polls until `check` answers true; fails with `what` after `ms`. Waits, asserts nothing about time. */
export async function eventually(what: string, check: () => boolean | Promise<boolean>, ms = 10_000) {
  const deadline = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}
