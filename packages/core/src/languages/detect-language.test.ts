import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { detectLanguage } from './detect-language.ts'

describe('detectLanguage', () => {
  const rows: Array<[text: string, language: string]> = [
    ['ciao', 'it'],
    ['hello', 'en'],
    ['ajutor', 'ro'],
    ['Bună seara, am nevoie de ajutor, nu am acte', 'ro'],
    ['mi hanno tolto il passaporto e non so dove andare', 'it'],
    ['they took my passport', 'en'],
    ['kam nevojë për ndihmë', 'sq'],
    ['أحتاج إلى مساعدة', 'ar'],
    ['мені потрібна допомога', 'uk'],
    ['мне нужна помощь', 'ru'],
    ['我需要帮助', 'zh'],
    ['আমার সাহায্য দরকার', 'bn'],
    ['مجھے مدد چاہیے', 'ur'],
    // Tigrinya writes ኣ where Amharic writes አ
    ['ሓገዝ የድልየኒ ኣሎ', 'ti'],
    ['እርዳታ እፈልጋለሁ', 'am'],
    ['abeg I no fit sleep, wetin I go do', 'pcm'],
    ["I don't know what to do", 'en'],
    // "una" is Italian too
    ['la mia amica ha bisogno di una mano', 'it'],
    ['12345', 'und'],
    ['😢😢😢', 'und'],
    ['https://example.org', 'und'],
  ]
  for (const [text, language] of rows) {
    it(`${text} → ${language}`, () => assert.equal(detectLanguage(text).language, language))
  }

  it('says how sure it is, from 0 to 1, and is surer of a sentence than of a word', () => {
    const word = detectLanguage('ciao').confidence
    const sentence = detectLanguage('non riesco a dormire e ho paura di tornare a casa').confidence
    assert.ok(word > 0 && word <= 1)
    assert.ok(sentence > word)
  })
})
