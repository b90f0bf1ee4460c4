// The rooms of the console namespace: who hears what.

/** Every console of a helpline's members: states and ids of all its conversations. */
export const consoleRoom = (helplineId: string) => `helpline:${helplineId}`
/** Every console socket of one operator: dropped at once when their sessions end. */
export const userRoom = (userId: string) => `user:${userId}`
/** The console sockets opened with one session: dropped when it is signed out. */
export const sessionRoom = (tag: string) => `session:${tag}`
/** The sockets that have the conversation on screen (joined by an audited read). */
export const openRoom = (conversationId: string) => `open:${conversationId}`
/** The sockets of the operator the conversation is assigned to (kept as assignments change). */
export const assignedRoom = (conversationId: string) => `assigned:${conversationId}`
/** The sockets of the mediator in the conversation (mediation/): its messages, as a mediator sees them. */
export const mediationRoom = (conversationId: string) => `mediation:${conversationId}`
