import type { RouteRecordRaw } from 'vue-router'

// Repurchase reminders and care plans (复购提醒与关怀计划).
export const reminderRoutes: RouteRecordRaw[] = [
  { path: 'reminders/cycles', name: 'reminder-cycles', component: () => import('./CyclesPage.vue') },
  { path: 'reminders/report', name: 'repurchase-report', component: () => import('./RepurchaseReportPage.vue') },
  { path: 'reminders/care', name: 'care-plans', component: () => import('./CarePlansPage.vue') },
]
