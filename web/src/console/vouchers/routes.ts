import type { RouteRecordRaw } from 'vue-router'

export const vouchersRoutes: RouteRecordRaw[] = [
  { path: 'vouchers', name: 'voucher-campaigns', component: () => import('./VoucherCampaignsPage.vue') },
]
