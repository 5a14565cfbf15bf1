import type { RouteRecordRaw } from 'vue-router'

// The audit log (the owner only), under the signed-in frame.
export const privacyRoutes: RouteRecordRaw[] = [
  { path: 'audit', name: 'audit', component: () => import('./AuditLogPage.vue') },
]
