// ECharts with only what the fission tree draws (a tree on a canvas, with
// tooltips): loaded with the voucher page alone, not the whole library.
import { TreeChart } from 'echarts/charts'
import { TooltipComponent } from 'echarts/components'
import { init, use } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'

use([TreeChart, TooltipComponent, CanvasRenderer])

export { init }
