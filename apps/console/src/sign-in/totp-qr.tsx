// The otpauth link as a QR code for the phone's camera, drawn here as SVG from the QR library's
// modules: the secret never goes to a third-party image service, and no markup is injected.
import qrcode from 'qrcode-generator'
import { useMemo } from 'react'

export function TotpQr({ uri, label }: { uri: string; label: string }) {
  const { size, path } = useMemo(() => {
    const code = qrcode(0, 'M')
    code.addData(uri)
    code.make()
    const count = code.getModuleCount()
    let d = ''
    for (let row = 0; row < count; row++)
      for (let col = 0; col < count; col++) if (code.isDark(row, col)) d += `M${col} ${row}h1v1h-1z`
    return { size: count, path: d }
  }, [uri])
  // four modules of quiet zone, as the standard asks, so any camera reads it
  return (
    <svg
      className="totp-qr"
      role="img"
      aria-label={label}
      viewBox={`-4 -4 ${size + 8} ${size + 8}`}
      shapeRendering="crispEdges"
    >
      <rect x={-4} y={-4} width={size + 8} height={size + 8} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  )
}
