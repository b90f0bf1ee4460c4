// The helpline's directory of services: searched from the desk, kept by coordinators.
import type {
  DirectoryList,
  DirectorySearch,
  DirectoryService,
  DirectoryServiceBody,
} from '@ascolto/protocol'
import { request } from '../api/http.ts'

const helpline = (id: string) => `/api/helplines/${encodeURIComponent(id)}`

export function searchDirectory(helplineId: string, search: DirectorySearch = {}) {
  const query = new URLSearchParams(Object.entries(search).filter(([, v]) => v) as Array<[string, string]>)
  return request<DirectoryList>('GET', `${helpline(helplineId)}/directory?${query}`)
}

/** The file a coordinator downloads (a plain link: the browser sends the session cookie). */
export const directoryCsvHref = (helplineId: string) => `${helpline(helplineId)}/directory.csv`

/** Replaces the whole directory; rejects with every problem of the file (ApiError.fileProblems). */
export const importDirectory = (helplineId: string, csv: string) =>
  request<{ imported: number }>('PUT', `${helpline(helplineId)}/directory.csv`, { csv })

export const createDirectoryService = (helplineId: string, body: DirectoryServiceBody) =>
  request<DirectoryService>('POST', `${helpline(helplineId)}/directory`, body)

export const updateDirectoryService = (id: string, body: DirectoryServiceBody) =>
  request<DirectoryService>('PUT', `/api/directory/${encodeURIComponent(id)}`, body)

export const deleteDirectoryService = (id: string) =>
  request<void>('DELETE', `/api/directory/${encodeURIComponent(id)}`)
