// The store's pages, under the shop's own link (history mode: the engine
// answers the store's page for every path under /s/{shop}/). The home page
// is in the first bundle: it is what a shared link opens; every other page
// loads its code when first opened. `tabbar` pages show the bottom tabs.
import { createRouter, createWebHistory } from 'vue-router'
import ShopHomePage from './catalog/ShopHomePage.vue'
import { storeBase } from './api'

declare module 'vue-router' {
  interface RouteMeta {
    tabbar?: boolean
  }
}

export const router = createRouter({
  history: createWebHistory(storeBase),
  scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
  routes: [
    { path: '/', name: 'home', component: ShopHomePage, meta: { tabbar: true } },
    {
      path: '/categories',
      name: 'categories',
      component: () => import('./catalog/CategoriesPage.vue'),
      meta: { tabbar: true },
    },
    { path: '/products', name: 'products', component: () => import('./catalog/ProductListPage.vue') },
    { path: '/products/:id', name: 'product', component: () => import('./catalog/ProductPage.vue') },
    { path: '/cart', name: 'cart', component: () => import('./order/CartPage.vue'), meta: { tabbar: true } },
    { path: '/checkout', name: 'checkout', component: () => import('./order/CheckoutPage.vue') },
    { path: '/orders', name: 'orders', component: () => import('./order/OrderListPage.vue'), meta: { tabbar: true } },
    { path: '/orders/:token', name: 'order', component: () => import('./order/OrderDetailPage.vue') },
    { path: '/orders/:token/pay', name: 'pay', component: () => import('./payment/PayPage.vue') },
    {
      path: '/orders/:token/aftersales/new',
      name: 'aftersales-new',
      component: () => import('./aftersales/AftersalesRequestPage.vue'),
    },
    {
      path: '/orders/:token/aftersales/:id',
      name: 'aftersales',
      component: () => import('./aftersales/AftersalesDetailPage.vue'),
    },
    { path: '/me', name: 'me', component: () => import('./me/MePage.vue'), meta: { tabbar: true } },
    { path: '/sign-in', name: 'sign-in', component: () => import('./me/SignInPage.vue') },
    { path: '/me/addresses', name: 'addresses', component: () => import('./me/AddressBookPage.vue') },
    { path: '/me/profile', name: 'profile', component: () => import('./me/ProfilePage.vue') },
    { path: '/messages', name: 'messages', component: () => import('./messages/MessagesPage.vue') },
    { path: '/moments', name: 'moments', component: () => import('./moments/MomentsPage.vue'), meta: { tabbar: true } },
    { path: '/group-buys/:id', name: 'group-buy', component: () => import('./groupbuy/GroupPage.vue') },
    { path: '/groups/:id', name: 'group', component: () => import('./groupbuy/GroupPage.vue') },
    { path: '/vouchers/:token', name: 'voucher', component: () => import('./vouchers/VoucherPage.vue') },
    { path: '/me/vouchers', name: 'my-vouchers', component: () => import('./vouchers/MyVouchersPage.vue') },
    { path: '/presales/:id', name: 'presale', component: () => import('./presale/PresalePage.vue') },
    { path: '/votes/:id', name: 'vote', component: () => import('./presale/VotePage.vue') },
    { path: '/:unknown(.*)*', redirect: { name: 'home' } },
  ],
})
