import type { RouteRecordRaw } from 'vue-router'

// Growth (裂变): super users and the voucher campaign projection.
export const growthRoutes: RouteRecordRaw[] = [
  { path: 'growth/super-users', name: 'super-users', component: () => import('./SuperUsersPage.vue') },
  { path: 'growth/report', name: 'growth-report', component: () => import('./GrowthReportPage.vue') },
  { path: 'growth/simulation', name: 'fission-simulation', component: () => import('./SimulationPage.vue') },
]
