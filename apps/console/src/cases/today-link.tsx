// The reminder on the desk: a link to the cases, with how many follow-ups are due today for the
// operator (marked when one is overdue). Read again every minute, and on each move between screens.
import type { CaseTask } from '@ascolto/protocol'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CASES_HREF } from './case-route.ts'
import { listCaseTasks } from './cases-api.ts'

const EVERY_MINUTE = 60_000

export function TodayLink() {
  const { t } = useTranslation()
  const [tasks, setTasks] = useState<CaseTask[]>([])
  useEffect(() => {
    const read = () =>
      listCaseTasks().then(
        (list) => setTasks(list.tasks),
        () => {},
      )
    read()
    const timer = setInterval(read, EVERY_MINUTE)
    // back from a case (a follow-up done or added) the count is read again
    window.addEventListener('hashchange', read)
    return () => {
      clearInterval(timer)
      window.removeEventListener('hashchange', read)
    }
  }, [])
  const overdue = tasks.some((task) => task.overdue)
  return (
    <a href={CASES_HREF} className={overdue ? 'case-overdue' : undefined}>
      {tasks.length > 0 ? t('cases.todayLink', { count: tasks.length }) : t('cases.link')}
    </a>
  )
}
