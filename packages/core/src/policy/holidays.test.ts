import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { holidayName, isPublicHoliday } from './holidays.ts'

const national = {}

// Easter Sunday by the anonymous Gregorian algorithm, to check the library's dates against
function easter(year: number): string {
  const a = year % 19
  const b = Math.floor(year / 100)
  const c = year % 100
  const h = (19 * a + b - Math.floor(b / 4) - Math.floor((8 * b + 13) / 25) + 15) % 30
  const l = (32 + 2 * (b % 4) + 2 * Math.floor(c / 4) - h - (c % 4)) % 7
  const m = Math.floor((a + 11 * h + 22 * l) / 451)
  const month = Math.floor((h + l - 7 * m + 114) / 31)
  const day = ((h + l - 7 * m + 114) % 31) + 1
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

describe('Italian public holidays', () => {
  const cases: [string, string | undefined][] = [
    ['2026-01-01', 'Capodanno'],
    ['2026-01-06', 'Epifania'],
    ['2026-04-05', 'Domenica di Pasqua'],
    ['2026-04-06', 'Lunedì dell’Angelo'],
    ['2026-04-25', 'Liberazione dal nazifascismo (1945)'],
    ['2026-05-01', 'Festa del lavoro'],
    ['2026-06-02', 'Festa della Repubblica'],
    ['2026-08-15', 'Assunzione di Maria'],
    ['2026-10-04', "Festa nazionale di San Francesco d'Assisi"], // a day off again from 2026
    ['2026-11-01', 'Ognissanti'],
    ['2026-12-08', 'Immacolata Concezione'],
    ['2026-12-25', 'Natale di Gesù'],
    ['2026-12-26', 'Santo Stefano'],
    ['2027-03-28', 'Domenica di Pasqua'],
    ['2027-03-29', 'Lunedì dell’Angelo'],
    ['2025-10-04', undefined], // not yet a holiday
    ['2026-05-10', undefined], // Mother's Day: an observance, not a day off
    ['2026-04-07', undefined],
    ['2026-12-24', undefined],
    ['2026-12-31', undefined],
  ]
  for (const [date, name] of cases) {
    it(`${date}: ${name ?? 'a working day'}`, () => {
      assert.equal(holidayName(date, national), name)
      assert.equal(isPublicHoliday(date, national), name !== undefined)
    })
  }

  it('names holidays in English too', () => {
    assert.equal(holidayName('2027-03-29', national, 'en'), 'Easter Monday')
    assert.equal(holidayName('2026-01-01', national, 'en'), "New Year's Day")
  })

  it('has Easter Monday on the day after the computus Easter, 1900–2199', () => {
    for (let year = 1900; year < 2200; year++) {
      const sunday = easter(year)
      const monday = new Date(`${sunday}T00:00:00Z`)
      monday.setUTCDate(monday.getUTCDate() + 1)
      assert.ok(isPublicHoliday(sunday, national), sunday)
      assert.ok(isPublicHoliday(monday.toISOString().slice(0, 10), national), `Easter Monday ${year}`)
    }
  })

  it("adds the patron saint's day, named or not", () => {
    const milan = { patronSaintDay: { month: 12, day: 7, name: "Sant'Ambrogio" } }
    assert.equal(holidayName('2026-12-07', milan), "Sant'Ambrogio")
    assert.equal(holidayName('2027-12-07', milan), "Sant'Ambrogio")
    assert.equal(holidayName('2026-12-07', national), undefined)
    const rome = { patronSaintDay: { month: 6, day: 29 } }
    assert.equal(holidayName('2026-06-29', rome), 'Festa del santo patrono')
    assert.equal(holidayName('2026-06-29', rome, 'en'), "Patron saint's day")
    assert.equal(isPublicHoliday('2026-06-28', rome), false)
  })
})
