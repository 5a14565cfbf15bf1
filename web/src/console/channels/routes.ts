import type { RouteRecordRaw } from 'vue-router'

export const channelsRoutes: RouteRecordRaw[] = [
  { path: 'growth/channels', name: 'growth-channels', component: () => import('./ChannelsPage.vue') },
]
