import type { RouteRecordRaw } from 'vue-router'

export const paymentRoutes: RouteRecordRaw[] = [
  { path: 'payments/sandbox', name: 'sandbox', component: () => import('./SandboxPage.vue') },
  { path: 'sandbox/sms', name: 'sms-sandbox', component: () => import('./SmsSandboxPage.vue') },
]
