import type { RouteRecordRaw } from 'vue-router'

export const presaleRoutes: RouteRecordRaw[] = [
  { path: 'presales', name: 'presales', component: () => import('./PresalesPage.vue') },
  { path: 'votes', name: 'votes', component: () => import('./VotesPage.vue') },
]
