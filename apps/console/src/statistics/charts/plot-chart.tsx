// One chart drawn by Observable Plot (SVG) at the width its box has, drawn again when the box
// changes width. The SVG is a picture for the eye: the figure's caption and table say the same
// in words and numbers, so it is hidden from screen readers.
import { useEffect, useRef, useState } from 'react'

export function PlotChart({ draw, deps }: { draw: (width: number) => Element; deps: string }) {
  const box = useRef<HTMLDivElement>(null)
  const [width, setWidth] = useState(0)
  const drawRef = useRef(draw)
  drawRef.current = draw

  useEffect(() => {
    const node = box.current
    if (!node) return
    const observer = new ResizeObserver(([entry]) => setWidth(Math.round(entry?.contentRect.width ?? 0)))
    observer.observe(node)
    return () => observer.disconnect()
  }, [])

  // biome-ignore lint/correctness/useExhaustiveDependencies: `deps` names what the drawing shows
  useEffect(() => {
    const node = box.current
    if (!node || width === 0) return
    node.replaceChildren(drawRef.current(width))
  }, [width, deps])

  return <div className="chart-plot" ref={box} aria-hidden="true" />
}
