import type { RouteRecordRaw } from 'vue-router'

export const momentsRoutes: RouteRecordRaw[] = [
  { path: 'moments', name: 'moments', component: () => import('./MomentsPage.vue') },
]
