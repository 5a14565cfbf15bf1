import type { RouteRecordRaw } from 'vue-router'

// Customers, tags and segments, under the signed-in frame; each page loads when first opened.
export const customerRoutes: RouteRecordRaw[] = [
  { path: 'customers', name: 'customers', component: () => import('./CustomerListPage.vue') },
  { path: 'customers/import', name: 'customer-import', component: () => import('./CustomerImportPage.vue') },
  { path: 'customers/:id', name: 'customer', component: () => import('./CustomerDetailPage.vue'), meta: { nav: 'customers' } },
  { path: 'customer-tags', name: 'customer-tags', component: () => import('./TagsPage.vue') },
  { path: 'segments', name: 'segments', component: () => import('./SegmentListPage.vue') },
  { path: 'segments/new', name: 'segment-new', component: () => import('./SegmentBuilderPage.vue'), meta: { nav: 'segments' } },
  { path: 'segments/:id', name: 'segment-edit', component: () => import('./SegmentBuilderPage.vue'), meta: { nav: 'segments' } },
]
