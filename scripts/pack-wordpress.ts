// Packs the WordPress plugin folder into apps/widget/dist/ascolto-chat.zip (run by `npm run build`),
// the file a site's admin uploads
// under Plugins → Add New. A zip written with node:zlib (deflate and CRC-32) rather than a tool,
// so the build needs nothing installed; fixed dates, so the same sources make the same bytes.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { crc32, deflateRawSync } from 'node:zlib'

const widgetDir = path.resolve(import.meta.dirname, '..', 'apps', 'widget')
export const pluginDir = path.join(widgetDir, 'wordpress', 'ascolto-chat')

/** Every file under dir, as paths relative to it with forward slashes, sorted. */
function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name)
      const relative = prefix ? `${prefix}/${name}` : name
      return statSync(full).isDirectory() ? filesUnder(full, relative) : [relative]
    })
}

// 1980-01-01 00:00, the first moment a zip can say: the archive does not depend on checkout times.
const DOS_TIME = 0
const DOS_DATE = (1 << 5) | 1
const UTF8_NAMES = 0x0800

export function zip(entries: Array<{ name: string; data: Buffer }>): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const { name, data } of entries) {
    const nameBytes = Buffer.from(name, 'utf8')
    const packed = deflateRawSync(data, { level: 9 })
    const crc = crc32(data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4) // version needed: 2.0 (deflate)
    local.writeUInt16LE(UTF8_NAMES, 6)
    local.writeUInt16LE(8, 8) // deflate
    local.writeUInt16LE(DOS_TIME, 10)
    local.writeUInt16LE(DOS_DATE, 12)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(packed.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(nameBytes.length, 26)
    local.writeUInt16LE(0, 28)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE((3 << 8) | 20, 4) // made by: Unix, 2.0 (so the permissions below count)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(UTF8_NAMES, 8)
    central.writeUInt16LE(8, 10)
    central.writeUInt16LE(DOS_TIME, 12)
    central.writeUInt16LE(DOS_DATE, 14)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(packed.length, 20)
    central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(nameBytes.length, 28)
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38) // a regular file, rw-r--r--
    central.writeUInt32LE(offset, 42)
    locals.push(local, nameBytes, packed)
    centrals.push(central, nameBytes)
    offset += local.length + nameBytes.length + packed.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

/** Writes the plugin's zip; its entries sit under ascolto-chat/, as WordPress expects. */
export function packWordpressPlugin(output = path.join(widgetDir, 'dist', 'ascolto-chat.zip')) {
  const names = filesUnder(pluginDir)
  const archive = zip(
    names.map((name) => ({ name: `ascolto-chat/${name}`, data: readFileSync(path.join(pluginDir, name)) })),
  )
  mkdirSync(path.dirname(output), { recursive: true })
  writeFileSync(output, archive)
  return { output, files: names.length, bytes: archive.length }
}

if (import.meta.main) {
  const { files, bytes } = packWordpressPlugin()
  console.log(`ascolto-chat.zip: ${files} files, ${(bytes / 1024).toFixed(1)} KB`)
}
