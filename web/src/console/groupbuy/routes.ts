import type { RouteRecordRaw } from 'vue-router'

export const groupbuyRoutes: RouteRecordRaw[] = [
  { path: 'group-buys', name: 'group-buys', component: () => import('./GroupBuysPage.vue') },
]
