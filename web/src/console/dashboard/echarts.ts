// ECharts with only what the console draws (bar charts on a canvas, axes,
// tooltips): the whole library would be several times larger. Add a chart
// type here when a page needs it.
import { BarChart } from 'echarts/charts'
import { GridComponent, TooltipComponent } from 'echarts/components'
import { init, use } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'

use([BarChart, GridComponent, TooltipComponent, CanvasRenderer])

export { init }
