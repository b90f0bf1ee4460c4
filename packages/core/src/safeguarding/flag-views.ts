// Safeguarding flags as the consoles see them: the alert (no reason) for every console of the
// helpline, the whole flag (reason, playbook ticks) in its conversation.
import type { FlagAlert, FlagView } from '@ascolto/protocol'
import type { Tx } from '../context.ts'
import type { Keyring } from '../crypto/keyring.ts'

type FlagRow = {
  id: string
  helpline_id: string
  conversation_id: string
  contact_id: string
  key_sealed: Buffer | null
  pseudonym: number
  kind: FlagAlert['kind']
  raised_by: string | null
  raised_by_name: string | null
  raised_at: Date
  acknowledged_by: string | null
  acknowledged_by_name: string | null
  acknowledged_at: Date | null
  reason_sealed: Buffer
  steps: Array<{
    stepId: string
    doneBy: string | null
    doneByName: string | null
    doneAt: string
    sealed: string | null
  }>
}

const person = (id: string | null, name: string | null) => (id ? { id, displayName: name ?? '' } : null)

async function loadFlagRows(
  tx: Pick<Tx, 'query'>,
  filter: {
    helplineIds: readonly string[]
    ids?: readonly string[]
    conversationId?: string
    open?: boolean
  },
) {
  const { rows } = await tx.query<FlagRow>(
    `select f.id, f.helpline_id, f.conversation_id, c.contact_id, k.key_sealed, ct.pseudonym, f.kind,
            f.raised_by, r.display_name as raised_by_name, f.raised_at,
            f.acknowledged_by, a.display_name as acknowledged_by_name, f.acknowledged_at, f.reason_sealed,
            coalesce((select json_agg(json_build_object('stepId', s.step_id, 'doneBy', s.done_by,
                                      'doneByName', d.display_name, 'doneAt', s.done_at,
                                      'sealed', encode(s.contacted_sealed, 'base64')) order by s.done_at)
                        from safeguarding_step s left join app_user d on d.id = s.done_by
                       where s.flag_id = f.id), '[]') as steps
       from safeguarding_flag f
       join conversation c on c.id = f.conversation_id
       join contact ct on ct.id = c.contact_id
       left join keystore.contact_key k on k.contact_id = c.contact_id
       left join app_user r on r.id = f.raised_by
       left join app_user a on a.id = f.acknowledged_by
      where f.helpline_id = any($1::uuid[])
        and ($2::uuid[] is null or f.id = any($2::uuid[]))
        and ($3::uuid is null or f.conversation_id = $3)
        and (not $4 or f.acknowledged_at is null)
      order by f.raised_at`,
    [filter.helplineIds, filter.ids ?? null, filter.conversationId ?? null, filter.open ?? false],
  )
  return rows
}

function alertOf(row: FlagRow): FlagAlert {
  return {
    id: row.id,
    helplineId: row.helpline_id,
    conversationId: row.conversation_id,
    contactPseudonym: row.pseudonym,
    kind: row.kind,
    raisedBy: person(row.raised_by, row.raised_by_name),
    raisedAt: row.raised_at.toISOString(),
    acknowledgedBy: person(row.acknowledged_by, row.acknowledged_by_name),
    acknowledgedAt: row.acknowledged_at?.toISOString() ?? null,
  }
}

export async function loadFlagAlerts(
  tx: Pick<Tx, 'query'>,
  filter: { helplineIds: readonly string[]; ids?: readonly string[]; open?: boolean },
): Promise<FlagAlert[]> {
  return (await loadFlagRows(tx, filter)).map(alertOf)
}

export async function loadFlagViews(
  tx: Pick<Tx, 'query'>,
  keyring: Keyring,
  filter: { helplineIds: readonly string[]; ids?: readonly string[]; conversationId?: string },
): Promise<FlagView[]> {
  return (await loadFlagRows(tx, filter)).map((row) => {
    const sealer = keyring.contact(row.helpline_id, row.contact_id, row.key_sealed)
    return {
      ...alertOf(row),
      reason: sealer.open(row.reason_sealed, `flag:${row.id}`),
      steps: row.steps.map((step) => ({
        stepId: step.stepId,
        doneBy: person(step.doneBy, step.doneByName),
        doneAt: new Date(step.doneAt).toISOString(),
        contacted: step.sealed
          ? sealer.open(Buffer.from(step.sealed, 'base64'), `flag:${row.id}:${step.stepId}`)
          : '',
      })),
    }
  })
}
