// The share poster, drawn in the browser on a canvas: the product's picture,
// its title and selling point, its price, and the QR code the engine drew
// for the product's link (GET /store/v1/{shop}/qr). Everything is from this
// origin, so the canvas stays exportable as a PNG.

export interface PosterContent {
  picture: HTMLImageElement | null
  qr: HTMLImageElement
  shopName: string
  title: string
  point: string
  price: string
  scanHint: string // "长按识别二维码"
}

export const kPosterWidth = 750
export const kPosterHeight = 1180
const kPad = 40
const kFont = '"PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif'

export function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image()
    img.onload = () => resolve(img)
    img.onerror = () => reject(new Error(`cannot load ${src}`))
    img.src = src
  })
}

// Lines of `text` that fit `width`, at most `max` (the last one ends in …).
function wrap(ctx: CanvasRenderingContext2D, text: string, width: number, max: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const ch of Array.from(text)) {
    if (ctx.measureText(line + ch).width > width) {
      lines.push(line)
      line = ch
      if (lines.length === max) break
    } else {
      line += ch
    }
  }
  if (lines.length < max && line) lines.push(line)
  else if (lines.length === max && Array.from(text).length > lines.join('').length) {
    let last = lines[max - 1]
    while (last && ctx.measureText(last + '…').width > width) last = last.slice(0, -1)
    lines[max - 1] = last + '…'
  }
  return lines
}

// Draws the picture so that it covers the square, cropping its longer side.
function cover(ctx: CanvasRenderingContext2D, img: HTMLImageElement, x: number, y: number, side: number) {
  const scale = Math.max(side / img.naturalWidth, side / img.naturalHeight)
  const w = side / scale
  const h = side / scale
  ctx.drawImage(img, (img.naturalWidth - w) / 2, (img.naturalHeight - h) / 2, w, h, x, y, side, side)
}

export function drawPoster(canvas: HTMLCanvasElement, c: PosterContent): void {
  canvas.width = kPosterWidth
  canvas.height = kPosterHeight
  const ctx = canvas.getContext('2d')
  if (!ctx) throw new Error('no 2d canvas')
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, kPosterWidth, kPosterHeight)

  ctx.fillStyle = '#323233'
  ctx.font = `600 30px ${kFont}`
  ctx.textBaseline = 'top'
  ctx.fillText(wrap(ctx, c.shopName, kPosterWidth - 2 * kPad, 1)[0] ?? '', kPad, 30)

  const side = kPosterWidth - 2 * kPad
  const top = 84
  if (c.picture) {
    cover(ctx, c.picture, kPad, top, side)
  } else {
    ctx.fillStyle = '#f2f3f5'
    ctx.fillRect(kPad, top, side, side)
  }

  let y = top + side + 28
  ctx.fillStyle = '#ee0a24'
  ctx.font = `600 44px ${kFont}`
  ctx.fillText(c.price, kPad, y)
  y += 64
  const textWidth = kPosterWidth - 2 * kPad - 220
  ctx.fillStyle = '#323233'
  ctx.font = `500 30px ${kFont}`
  for (const line of wrap(ctx, c.title, textWidth, 2)) {
    ctx.fillText(line, kPad, y)
    y += 42
  }
  ctx.fillStyle = '#ed6a0c'
  ctx.font = `26px ${kFont}`
  for (const line of wrap(ctx, c.point, textWidth, 2)) {
    ctx.fillText(line, kPad, y + 6)
    y += 36
  }

  const qrSide = 200
  const qrX = kPosterWidth - kPad - qrSide
  const qrY = top + side + 24
  ctx.imageSmoothingEnabled = false
  ctx.drawImage(c.qr, qrX, qrY, qrSide, qrSide)
  ctx.imageSmoothingEnabled = true
  ctx.fillStyle = '#969799'
  ctx.font = `22px ${kFont}`
  ctx.textAlign = 'center'
  ctx.fillText(c.scanHint, qrX + qrSide / 2, qrY + qrSide + 8)
  ctx.textAlign = 'left'
}

export function canvasToBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the poster could not be saved'))), 'image/png'),
  )
}
