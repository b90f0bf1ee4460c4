// The cases' calls to the server.
import type {
  AddCaseEntryBody,
  CaseList,
  CaseTaskList,
  CaseView,
  ConversationCase,
  OpenCaseBody,
  UpdateCaseBody,
} from '@ascolto/protocol'
import { request } from '../api/http.ts'

const at = (id: string) => `/api/cases/${encodeURIComponent(id)}`

export const listCases = () => request<CaseList>('GET', '/api/cases')
export const listCaseTasks = () => request<CaseTaskList>('GET', '/api/case-tasks')
export const getCase = (id: string) => request<CaseView>('GET', at(id))
export const openCase = (body: OpenCaseBody) => request<CaseView>('POST', '/api/cases', body)
export const updateCase = (id: string, body: UpdateCaseBody) => request<CaseView>('PATCH', at(id), body)
export const addCaseEntry = (id: string, body: AddCaseEntryBody) =>
  request<CaseView>('POST', `${at(id)}/entries`, body)
export const markEntryDone = (id: string, entryId: string, done: boolean) =>
  request<CaseView>('POST', `${at(id)}/entries/${encodeURIComponent(entryId)}/done`, { done })
export const addCaseConversation = (id: string, conversationId: string, relation: string) =>
  request<CaseView>('POST', `${at(id)}/conversations`, { conversationId, relation })
export const conversationCase = (conversationId: string) =>
  request<ConversationCase>('GET', `/api/conversations/${encodeURIComponent(conversationId)}/case`)
