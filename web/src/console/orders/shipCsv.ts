// Reading a shipping CSV the way the engine does (POST
// /admin/v1/orders/ship-batch: order_id,carrier,tracking_no per row, an
// optional header), so the console can send it in small batches, show
// progress, and report every row by its line in the merchant's file.

export interface ShipRecord {
  line: number // 1-based line of the file where the record starts
  fields: string[]
}

// The text of a file a merchant saved: UTF-8 (with or without Excel's
// byte-order mark), or GBK, which a Chinese Excel writes for "CSV (逗号分隔)".
export function decodeCsv(bytes: ArrayBuffer): string {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    text = new TextDecoder('gbk').decode(bytes)
  }
  return text.replace(/^\uFEFF/, '')
}

// Records of CSV text (quoted fields, "" escapes, CRLF or LF), with the line
// each starts on; blank lines are skipped, fields trimmed.
export function readCsv(text: string): ShipRecord[] {
  const out: ShipRecord[] = []
  let fields: string[] = []
  let field = ''
  let quoted = false
  let any = false
  let line = 1
  let start = 1
  const end = () => {
    fields.push(field.trim())
    if (any || fields.length > 1 || fields[0] !== '') out.push({ line: start, fields })
    fields = []
    field = ''
    any = false
  }
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else {
        if (c === '\n') line++
        field += c
      }
      continue
    }
    if (c === '"') quoted = any = true
    else if (c === ',') {
      fields.push(field.trim())
      field = ''
      any = true
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      end()
      line++
      start = line
    } else {
      field += c
      if (c !== ' ' && c !== '\t') any = true
    }
  }
  if (any || field.trim() !== '' || fields.length > 0) end()
  return out
}

const kOrderId = /^ord_[0-9a-z]+$/i

// The rows to ship: the header (a first row that does not start with an
// order number) dropped, and columns past the third (the merchant's notes,
// like the recipient in the file the console hands out) left out.
export function shipRows(records: ShipRecord[]): ShipRecord[] {
  const rows = records[0] && !kOrderId.test(records[0].fields[0] ?? '') ? records.slice(1) : records
  return rows.map((r) => ({ line: r.line, fields: r.fields.slice(0, 3) }))
}

function cell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

// The CSV body of one batch: a header, then the rows. The engine numbers
// the rows it reports from 1, the header included, so row n of the answer
// is rows[n - 2].
export function batchBody(rows: ShipRecord[]): string {
  return ['order_id,carrier,tracking_no', ...rows.map((r) => r.fields.map(cell).join(','))].join('\n') + '\n'
}

// A CSV file (UTF-8 with a byte-order mark, for Excel) of rows.
export function csvFile(header: string[], rows: string[][]): Blob {
  const text = [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n'
  return new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' })
}
