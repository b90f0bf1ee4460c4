// The top entries of a V8 CPU profile (node --cpu-prof): self time by function, and time by
// package or source file, as shares of the samples.
//   node bench/profile-top.ts <file.cpuprofile> [entries]
import { readFile } from 'node:fs/promises'

type Node = {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  hitCount: number
}
const [file, count = '25'] = process.argv.slice(2)
if (!file) throw new Error('usage: node bench/profile-top.ts <file.cpuprofile> [entries]')
const profile = JSON.parse(await readFile(file, 'utf8')) as { nodes: Node[] }
const total = profile.nodes.reduce((sum, node) => sum + node.hitCount, 0)
const bySelf = new Map<string, number>()
const byPlace = new Map<string, number>()
for (const { callFrame, hitCount } of profile.nodes) {
  const url = callFrame.url.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, 'node_modules/')
  const where = url.replace(/^.*\/(apps|packages|bench)\//, '$1/')
  const name = `${callFrame.functionName || '(anonymous)'} ${where}:${callFrame.lineNumber + 1}`
  bySelf.set(name, (bySelf.get(name) ?? 0) + hitCount)
  const place = url.startsWith('node_modules/')
    ? url
        .split('/')
        .slice(0, url.split('/')[1]?.startsWith('@') ? 3 : 2)
        .join('/')
    : where || callFrame.functionName
  byPlace.set(place, (byPlace.get(place) ?? 0) + hitCount)
}
const top = (map: Map<string, number>) =>
  [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, Number(count))
    .map(([name, hits]) => `${((hits / total) * 100).toFixed(1).padStart(5)} %  ${name}`)
    .join('\n')
process.stdout.write(`self time by function:\n${top(bySelf)}\n\nby package or file:\n${top(byPlace)}\n`)
