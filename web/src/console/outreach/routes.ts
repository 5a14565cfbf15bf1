import type { RouteRecordRaw } from 'vue-router'

export const outreachRoutes: RouteRecordRaw[] = [
  { path: 'outreach', name: 'outreach', component: () => import('./CampaignListPage.vue') },
  {
    path: 'outreach/new',
    name: 'outreach-new',
    component: () => import('./ComposerPage.vue'),
    meta: { nav: 'outreach' },
  },
  {
    path: 'outreach/:id',
    name: 'outreach-campaign',
    component: () => import('./CampaignDetailPage.vue'),
    meta: { nav: 'outreach' },
  },
]
