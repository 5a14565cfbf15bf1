import type { RouteRecordRaw } from 'vue-router'

// The orders' pages, under the signed-in frame; each loads when first opened.
export const orderRoutes: RouteRecordRaw[] = [
  { path: 'orders', name: 'orders', component: () => import('./OrderListPage.vue') },
  { path: 'orders/batch-ship', name: 'orders-batch', component: () => import('./BatchShipPage.vue'), meta: { nav: 'orders' } },
  { path: 'orders/:id', name: 'order', component: () => import('./OrderDetailPage.vue'), meta: { nav: 'orders' } },
]
