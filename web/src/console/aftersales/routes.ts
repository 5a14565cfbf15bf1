import type { RouteRecordRaw } from 'vue-router'

export const aftersalesRoutes: RouteRecordRaw[] = [
  { path: 'aftersales', name: 'aftersales', component: () => import('./AftersalesListPage.vue') },
  { path: 'aftersales/:id', name: 'aftersale', component: () => import('./AftersalesDetailPage.vue'), meta: { nav: 'aftersales' } },
]
