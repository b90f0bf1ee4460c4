// The demo phone's page: a chat in a phone-sized frame, as a person sees WhatsApp. Plain HTML and
// a small script (no inline code, no other origin); it asks the fake for the conversation every
// second. Italian, like the demo helpline; English in brackets for the newcomer.

export const phonePage = `<!doctype html>
<html lang="it">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Telefono demo (WhatsApp)</title>
<style>
body{margin:0;font:16px/1.45 system-ui,sans-serif;background:#d9dbd5;display:flex;justify-content:center}
.phone{width:min(100%,390px);height:100vh;max-height:844px;display:flex;flex-direction:column;background:#efeae2;box-shadow:0 0 24px #0003}
header{background:#075e54;color:#fff;padding:.75rem 1rem}
header h1{margin:0;font-size:1.05rem}
header p{margin:.1rem 0 0;font-size:.8rem;opacity:.9}
label{display:block;font-size:.8rem}
#number{width:10rem;font:inherit;font-size:.85rem;padding:.1rem .3rem;margin-top:.2rem}
ol{list-style:none;margin:0;padding:.75rem;flex:1;overflow-y:auto;display:flex;flex-direction:column;gap:.4rem}
li{max-width:80%;padding:.4rem .6rem;border-radius:.5rem;white-space:pre-wrap;overflow-wrap:anywhere;box-shadow:0 1px 1px #0002}
li.person{align-self:flex-end;background:#d9fdd3}
li.helpline{align-self:flex-start;background:#fff}
li time{display:block;font-size:.7rem;color:#555;text-align:right}
form{display:flex;gap:.5rem;padding:.5rem;background:#f0f0f0}
textarea{flex:1;font:inherit;border-radius:1.2rem;border:1px solid #bbb;padding:.45rem .8rem;resize:none}
button{font:inherit;font-weight:600;border:0;border-radius:1.2rem;padding:0 1rem;background:#008069;color:#fff}
#state{font-size:.8rem;color:#8a1c1c;margin:0;padding:0 .75rem}
</style>
<script src="/phone.js" defer></script>
</head>
<body>
<main class="phone">
<header>
<h1>Linea d'ascolto (demo)</h1>
<p>Scrivi come la persona che chiede aiuto (write as the person asking for help)</p>
<label>Il tuo numero (your number) <input id="number" inputmode="numeric" autocomplete="off"></label>
</header>
<ol id="messages" aria-live="polite" aria-label="Messaggi"></ol>
<p id="state" role="status"></p>
<form id="composer">
<textarea id="text" rows="1" aria-label="Scrivi un messaggio" placeholder="Messaggio"></textarea>
<button type="submit">Invia</button>
</form>
</main>
</body>
</html>
`

export const phoneScript = `'use strict'
const number = document.getElementById('number')
const list = document.getElementById('messages')
const state = document.getElementById('state')
const text = document.getElementById('text')
number.value = sessionStorage.getItem('demo-number') || '39347' + String(Math.floor(Math.random() * 1e7)).padStart(7, '0')
sessionStorage.setItem('demo-number', number.value)
number.addEventListener('change', () => { sessionStorage.setItem('demo-number', number.value); list.replaceChildren(); shown = 0 })
let shown = 0
const time = (at) => new Date(at).toLocaleTimeString('it-IT', { hour: '2-digit', minute: '2-digit' })
async function refresh() {
  try {
    const answer = await fetch('/phone/messages?number=' + encodeURIComponent(number.value))
    const { messages } = await answer.json()
    for (const message of messages.slice(shown)) {
      const item = document.createElement('li')
      item.className = message.from
      item.textContent = message.text
      const stamp = document.createElement('time')
      stamp.textContent = time(message.at)
      item.append(stamp)
      list.append(item)
      list.scrollTop = list.scrollHeight
    }
    shown = messages.length
    state.textContent = ''
  } catch {
    state.textContent = 'Il server demo non risponde (the demo server does not answer)'
  }
}
document.getElementById('composer').addEventListener('submit', async (event) => {
  event.preventDefault()
  const message = text.value.trim()
  if (!message) return
  text.value = ''
  const answer = await fetch('/phone/messages', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ number: number.value, text: message }),
  }).catch(() => null)
  if (!answer || !answer.ok) { text.value = message; state.textContent = 'Non inviato (not sent)' }
  refresh()
})
text.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey) { event.preventDefault(); document.getElementById('composer').requestSubmit() }
})
refresh()
setInterval(refresh, 1000)
`
