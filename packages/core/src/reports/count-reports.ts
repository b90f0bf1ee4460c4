// The reports of a period, by the day they arrived (the helpline's own), and how many chose each
// answer of the form's choice and yes/no questions. Read from report_fact only: the figures
// outlive retention, and never name a report.
import type { HelplineSettings, Statistics } from '@ascolto/protocol'
import type { Tx } from '../context.ts'

const YES_NO = [
  { id: 'yes', label: { it: 'Sì', en: 'Yes' } },
  { id: 'no', label: { it: 'No', en: 'No' } },
]

export async function countReports(
  tx: Pick<Tx, 'query'>,
  settings: HelplineSettings,
  period: { helplineId: string; from: string; to: string },
): Promise<Statistics['reports']> {
  const { rows } = await tx.query<{ question: string | null; answer: string | null; count: string }>(
    `select c.key as question, c.value as answer, count(distinct f.id) as count
       from report_fact f left join lateral jsonb_each_text(f.choices) c on true
      where f.helpline_id = $1 and f.received_on between $2 and $3
      group by grouping sets ((), (c.key, c.value))`,
    [period.helplineId, period.from, period.to],
  )
  const total = Number(rows.find((row) => row.question === null && row.answer === null)?.count ?? 0)
  const counted = rows.filter((row) => row.question !== null)
  const questions = (settings.reportForm?.questions ?? []).filter(
    (q) => q.type === 'choice' || q.type === 'yesNo',
  )
  const known = new Set(questions.map((q) => q.id))
  const countOf = (question: string, answer: string) =>
    Number(counted.find((row) => row.question === question && row.answer === answer)?.count ?? 0)
  return {
    total,
    questions: [
      ...questions.map((question) => {
        const options = question.type === 'yesNo' ? YES_NO : (question.options ?? [])
        return {
          id: question.id,
          label: question.label,
          answers: options.map((option) => ({
            id: option.id,
            label: option.label,
            count: countOf(question.id, option.id),
          })),
        }
      }),
      // questions since removed from the form: still counted, by id
      ...[...new Set(counted.map((row) => row.question as string))]
        .filter((id) => !known.has(id))
        .sort()
        .map((id) => ({
          id,
          label: null,
          answers: counted
            .filter((row) => row.question === id)
            .map((row) => ({ id: row.answer as string, label: null, count: Number(row.count) })),
        })),
    ],
  }
}
