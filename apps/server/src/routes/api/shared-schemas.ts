// What the console's routes have in common: an id in the path, and the errors they may answer.
import { ErrorView, Uuid } from '@ascolto/protocol'
import Type from 'typebox'

export const ById = Type.Object({ id: Uuid })

export const errorResponses = {
  400: ErrorView,
  401: ErrorView,
  403: ErrorView,
  404: ErrorView,
  409: ErrorView,
}
