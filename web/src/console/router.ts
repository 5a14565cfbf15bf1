// The console's pages under /console/ (history mode: the engine answers the
// console's page for every path under it). Each page's code loads when it is
// first opened. Pages need a session unless marked public; the login page
// sends a signed-in visitor on.
import { createRouter, createWebHistory } from 'vue-router'
import { session } from '@/shared/session'
import { aftersalesRoutes } from './aftersales/routes'
import { crmRoutes } from './crm/routes'
import { customerRoutes } from './customers/routes'
import { financeRoutes } from './finance/routes'
import { growthRoutes } from './growth/routes'
import { momentsRoutes } from './moments/routes'
import { channelsRoutes } from './channels/routes'
import { orderRoutes } from './orders/routes'
import { outreachRoutes } from './outreach/routes'
import { paymentRoutes } from './payments/routes'
import { privacyRoutes } from './privacy/routes'
import { reminderRoutes } from './reminders/routes'
import { settingsRoutes } from './settings/routes'
import { staffRoutes } from './staff/routes'
import { groupbuyRoutes } from './groupbuy/routes'
import { vouchersRoutes } from './vouchers/routes'
import { presaleRoutes } from './presale/routes'

declare module 'vue-router' {
  interface RouteMeta {
    public?: boolean
    nav?: string // the menu entry a page belongs to (a detail page: its list's)
  }
}

export const router = createRouter({
  history: createWebHistory('/console/'),
  routes: [
    {
      path: '/login',
      name: 'login',
      component: () => import('./identity/LoginPage.vue'),
      meta: { public: true },
    },
    {
      path: '/signup',
      name: 'signup',
      component: () => import('./identity/SignUpPage.vue'),
      meta: { public: true },
    },
    {
      path: '/',
      component: () => import('./layout/ConsoleLayout.vue'),
      children: [
        { path: '', name: 'dashboard', component: () => import('./dashboard/DashboardPage.vue') },
        ...orderRoutes,
        ...aftersalesRoutes,
        ...customerRoutes,
        ...financeRoutes,
        ...paymentRoutes,
        ...staffRoutes,
        ...crmRoutes,
        ...reminderRoutes,
        ...settingsRoutes,
        ...privacyRoutes,
        ...outreachRoutes,
        ...momentsRoutes,
        ...channelsRoutes,
        ...growthRoutes,
        ...groupbuyRoutes,
        ...vouchersRoutes,
        ...presaleRoutes,
        { path: 'products', name: 'products', component: () => import('./catalog/ProductListPage.vue') },
        { path: 'products/new', name: 'product-new', component: () => import('./catalog/ProductEditPage.vue') },
        { path: 'products/:id', name: 'product-edit', component: () => import('./catalog/ProductEditPage.vue') },
        { path: 'categories', name: 'categories', component: () => import('./catalog/CategoriesPage.vue') },
        { path: 'home', name: 'home-arrange', component: () => import('./catalog/HomeArrangePage.vue') },
        { path: 'coupons', name: 'coupons', component: () => import('./promotions/CouponsPage.vue') },
        { path: 'discounts', name: 'discounts', component: () => import('./promotions/DiscountsPage.vue') },
        { path: 'reductions', name: 'reductions', component: () => import('./promotions/ReductionsPage.vue') },
      ],
    },
    { path: '/:unknown(.*)*', redirect: { name: 'dashboard' } },
  ],
})

router.beforeEach((to) => {
  if (!to.meta.public && !session.value) {
    return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
  }
  if ((to.name === 'login' || to.name === 'signup') && session.value) return { name: 'dashboard' }
  return true
})
