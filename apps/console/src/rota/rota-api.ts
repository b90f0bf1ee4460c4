// The rota's calls to the server.
import type { AssignmentBody, CalendarFeedView, RotaWeek, ShiftBody, ShiftReminder } from '@ascolto/protocol'
import { request } from '../api/http.ts'

export const getRotaWeek = (helplineId: string, week?: string) =>
  request<RotaWeek>('GET', `/api/helplines/${helplineId}/rota${week ? `?week=${week}` : ''}`)
export const createShift = (helplineId: string, body: ShiftBody) =>
  request<{ id: string }>('POST', `/api/helplines/${helplineId}/shifts`, body)
export const deleteShift = (shiftId: string) => request<void>('DELETE', `/api/shifts/${shiftId}`)
export const cancelShiftDay = (shiftId: string, date: string) =>
  request<void>('POST', `/api/shifts/${shiftId}/exceptions`, { date })
export const assignShift = (shiftId: string, body: AssignmentBody) =>
  request<{ id: string }>('POST', `/api/shifts/${shiftId}/assignments`, body)
export const actOnAssignment = (
  assignmentId: string,
  action: 'confirm' | 'give-back' | 'swap/accept' | 'swap/decline',
) => request<void>('POST', `/api/shift-assignments/${assignmentId}/${action}`)
export const offerSwap = (assignmentId: string, toUserId: string) =>
  request<void>('POST', `/api/shift-assignments/${assignmentId}/swap`, { toUserId })
export const renewCalendarFeed = () => request<CalendarFeedView>('POST', '/api/rota/calendar-feed')
export const getShiftReminder = () => request<ShiftReminder>('GET', '/api/rota/reminder')
export const saveShiftReminder = (minutes: number | null) =>
  request<ShiftReminder>('PUT', '/api/rota/reminder', { minutes })
