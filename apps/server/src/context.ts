import type { Config } from '@ascolto/config'
import type { Services } from '@ascolto/core'
import type { Pool } from '@ascolto/db'

/** What the routes are built with: the database, the domain's services, the configuration. */
export type AppContext = { pool: Pool; services: Services; config: Config }
