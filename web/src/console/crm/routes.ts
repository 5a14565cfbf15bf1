import type { RouteRecordRaw } from 'vue-router'

export const crmRoutes: RouteRecordRaw[] = [
  { path: 'crm/handover', name: 'crm-handover', component: () => import('./HandoverPage.vue') },
  { path: 'crm/tasks', name: 'crm-tasks', component: () => import('./TaskInboxPage.vue') },
  { path: 'crm/assignment', name: 'crm-assignment', component: () => import('./AssignmentPage.vue') },
  { path: 'crm/fields', name: 'crm-fields', component: () => import('./CustomFieldsPage.vue') },
]
