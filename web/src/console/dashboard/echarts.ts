// ECharts with only what the console draws (bar and line charts on a canvas,
// axes, tooltips, a legend; the growth dashboard's fission tree): the whole library would be several times
// larger. Add a chart type here when a page needs it.
import { BarChart, LineChart, TreeChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import { init, use } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'

use([BarChart, LineChart, TreeChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer])

export { init }
