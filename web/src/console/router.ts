// The console's pages under /console/ (history mode: the engine answers the
// console's page for every path under it). Each page's code loads when it is
// first opened. Pages need a session unless marked public; the login page
// sends a signed-in visitor on.
import { createRouter, createWebHistory } from 'vue-router'
import { session } from '@/shared/session'

declare module 'vue-router' {
  interface RouteMeta {
    public?: boolean
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
      path: '/',
      component: () => import('./layout/ConsoleLayout.vue'),
      children: [
        { path: '', name: 'dashboard', component: () => import('./dashboard/DashboardPage.vue') },
      ],
    },
    { path: '/:unknown(.*)*', redirect: { name: 'dashboard' } },
  ],
})

router.beforeEach((to) => {
  if (!to.meta.public && !session.value) {
    return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
  }
  if (to.name === 'login' && session.value) return { name: 'dashboard' }
  return true
})
