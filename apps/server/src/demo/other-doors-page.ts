// The page of the demo's other doors: the person's side of an SMS, a phone call (and the
// operator's phone that answers it) or its voicemail, and a Telegram chat, on one screen. Italian first, as the demo helpline.
export const doorsPage = `<!doctype html>
<html lang="it">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Ascolto demo: SMS, telefono, Telegram</title>
<style>
  body { margin: 0; font: 16px/1.4 system-ui, sans-serif; background: #f3f2ee; color: #1d2125; }
  header { padding: 1rem; background: #2b5f66; color: #fff; }
  header h1 { margin: 0; font-size: 1.25rem; }
  header p { margin: 0.25rem 0 0; }
  main { display: grid; gap: 1rem; padding: 1rem; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); }
  section { background: #fff; border: 1px solid #dcd9d1; border-radius: 8px; padding: 1rem; }
  h2 { margin: 0 0 0.5rem; font-size: 1.1rem; }
  label { display: block; margin: 0.5rem 0 0.25rem; font-weight: 600; }
  input, textarea { width: 100%; box-sizing: border-box; padding: 0.5rem; border: 1px solid #7c7a73; border-radius: 8px; font: inherit; }
  button { margin-top: 0.5rem; min-height: 2.5rem; padding: 0.375rem 1rem; border: 1px solid #2b5f66; border-radius: 8px; background: #2b5f66; color: #fff; font: inherit; font-weight: 600; cursor: pointer; }
  button:disabled { opacity: 0.55; cursor: not-allowed; }
  ol { list-style: none; margin: 0.75rem 0 0; padding: 0; display: grid; gap: 0.5rem; }
  li { padding: 0.5rem 0.75rem; border-radius: 8px; max-width: 85%; white-space: pre-wrap; }
  li.person { justify-self: end; background: #e1ecec; }
  li.helpline { justify-self: start; background: #fbf1d3; }
  .heard { margin-top: 0.75rem; padding: 0.5rem 0.75rem; border-left: 4px solid #b08a25; background: #fbf1d3; }
  [role=status] { min-height: 1.4em; color: #545b63; }
</style>
</head>
<body>
<header>
  <h1>Ascolto demo: le altre porte</h1>
  <p>Qui sei la persona. Quello che fai arriva ad Ascolto come dai veri fornitori (Twilio, Telegram), in locale.</p>
</header>
<main>
  <section aria-labelledby="sms-title">
    <h2 id="sms-title">SMS</h2>
    <label for="sms-number">Il tuo numero</label>
    <input id="sms-number" value="+393331234567" inputmode="tel">
    <label for="sms-text">Messaggio</label>
    <textarea id="sms-text" rows="3"></textarea>
    <button type="button" id="sms-send">Invia SMS</button>
    <p role="status" id="sms-status"></p>
    <ol id="sms-thread" aria-label="Conversazione SMS"></ol>
  </section>
  <section aria-labelledby="call-title">
    <h2 id="call-title">Telefono</h2>
    <p>Chiama la linea con il numero qui sopra. In orario squilla il telefono di chi risponde (+390212340000: qui sotto rispondi tu; mettilo in «Il mio account» e la chiamata a cui rispondi arriva nelle tue «Le mie»). Fuori orario, o se nessuno risponde, senti il messaggio della linea e lasci un messaggio in segreteria, che diventa una richiesta di richiamata nella console.</p>
    <button type="button" id="call">Chiama</button>
    <div class="heard" id="heard" hidden></div>
    <div id="operator" hidden>
      <h3>Il telefono dell'operatore</h3>
      <p>Squilla: sul display c'è il numero della linea, non il tuo.</p>
      <button type="button" id="answer">Rispondi e premi 1</button>
      <button type="button" id="no-answer">Non rispondere</button>
    </div>
    <button type="button" id="hang-up" hidden>Riaggancia</button>
    <button type="button" id="voicemail" hidden>Lascia un messaggio in segreteria (3 secondi)</button>
    <p role="status" id="call-status"></p>
  </section>
  <section aria-labelledby="tg-title">
    <h2 id="tg-title">Telegram</h2>
    <label for="tg-chat">La tua chat (un numero)</label>
    <input id="tg-chat" value="123456789" inputmode="numeric">
    <label for="tg-text">Messaggio</label>
    <textarea id="tg-text" rows="3"></textarea>
    <button type="button" id="tg-send">Invia su Telegram</button>
    <p role="status" id="tg-status"></p>
    <ol id="tg-thread" aria-label="Conversazione Telegram"></ol>
  </section>
</main>
<script src="/doors.js"></script>
</body>
</html>
`

export const doorsScript = `
const $ = (id) => document.getElementById(id)
async function post(path, body) {
  const response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  const answer = await response.json().catch(() => ({}))
  if (!response.ok) throw new Error(answer.error || 'Ascolto non ha accettato la richiesta')
  return answer
}
function render(list, messages) {
  list.replaceChildren(...messages.map((m) => {
    const item = document.createElement('li')
    item.className = m.from
    item.textContent = m.text
    return item
  }))
}
async function refresh() {
  const query = new URLSearchParams({ number: $('sms-number').value.replace(/[\\s-]/g, ''), chat: $('tg-chat').value.trim() })
  const state = await (await fetch('/state?' + query)).json()
  render($('sms-thread'), state.sms)
  render($('tg-thread'), state.telegram)
}
function action(button, status, work) {
  $(button).addEventListener('click', async () => {
    $(button).disabled = true
    $(status).textContent = '…'
    try {
      $(status).textContent = (await work()) || ''
      await refresh()
    } catch (error) {
      $(status).textContent = error.message
    } finally {
      $(button).disabled = false
    }
  })
}
action('sms-send', 'sms-status', async () => {
  await post('/sms', { number: $('sms-number').value, text: $('sms-text').value })
  $('sms-text').value = ''
  return 'Inviato'
})
action('tg-send', 'tg-status', async () => {
  await post('/telegram', { chat: $('tg-chat').value, text: $('tg-text').value })
  $('tg-text').value = ''
  return 'Inviato'
})
function hear(answer) {
  $('heard').hidden = false
  const ringing = answer.ringing && answer.ringing.length > 0
  $('heard').textContent = ringing
    ? 'Squilla il telefono: ' + answer.ringing.join(', ')
    : 'Senti: «' + (answer.says || '') + '»'
  $('operator').hidden = !ringing
  $('voicemail').hidden = ringing
  $('hang-up').hidden = !ringing
}
const number = () => $('sms-number').value
action('call', 'call-status', async () => {
  hear(await post('/call', { number: number() }))
  return ''
})
action('answer', 'call-status', async () => {
  const answer = await post('/answer', { number: number() })
  $('operator').hidden = true
  $('heard').textContent = 'Chi risponde sente: «' + (answer.announcement || '') + '» e preme 1. Siete in linea.'
  return ''
})
action('no-answer', 'call-status', async () => {
  hear(await post('/no-answer', { number: number() }))
  return ''
})
action('hang-up', 'call-status', async () => {
  const answer = await post('/hang-up', { number: number() })
  $('operator').hidden = true
  $('hang-up').hidden = true
  $('voicemail').hidden = true
  return answer.talked
    ? 'Chiamata finita: nella console è nella conversazione, con la sua durata, per chi ha risposto.'
    : 'Chiamata chiusa mentre squillava: nella console c’è una richiesta di richiamata.'
})
action('voicemail', 'call-status', async () => {
  await post('/voicemail', { number: number() })
  $('voicemail').hidden = true
  $('hang-up').hidden = true
  return 'Messaggio lasciato: nella console c’è una richiesta di richiamata.'
})
refresh()
setInterval(() => refresh().catch(() => {}), 2000)
`
