// The directory's CSV on its own: every starting directory docs/ ships reads whole, and a file
// read back from its export is the same directory.
import assert from 'node:assert/strict'
import { readdir, readFile } from 'node:fs/promises'
import { describe, it } from 'node:test'
import { directoryToCsv, parseDirectoryCsv } from './directory-csv.ts'

const STARTERS = new URL('../../../../docs/directory/', import.meta.url)

describe('the directory as CSV', () => {
  it('reads every starting directory in docs/directory, each service marked to be checked', async () => {
    const files = (await readdir(STARTERS)).filter((name) => name.endsWith('.csv'))
    assert.ok(files.length >= 3, files.join(', '))
    for (const name of files) {
      const parsed = parseDirectoryCsv(await readFile(new URL(name, STARTERS), 'utf8'))
      assert.ok(parsed.ok, `${name}: ${JSON.stringify(!parsed.ok && parsed.problems)}`)
      assert.ok(parsed.services.length > 0, name)
      for (const service of parsed.services)
        assert.equal(service.lastChecked, undefined, `${name}: ${service.service}`)
    }
  })

  it('reads back what it wrote, quotes, semicolons and new lines included', () => {
    const service = {
      id: '00000000-0000-4000-8000-000000000001',
      helplineId: '00000000-0000-4000-8000-000000000002',
      organisation: 'Associazione "Il Ponte"',
      service: 'Sportello; ascolto',
      topics: ['casa', 'lavoro'],
      languages: ['it', 'sq'],
      reach: 'Via Roma 1, Milano\n02 000000',
      replyTexts: { sq: 'Na telefononi, ju lutem.' },
      lastChecked: '2026-11-30',
      stale: false,
    }
    const parsed = parseDirectoryCsv(directoryToCsv([service]))
    assert.ok(parsed.ok)
    const { id: _id, helplineId: _helpline, stale: _stale, ...body } = service
    assert.deepEqual(parsed.services, [body])
  })
})
