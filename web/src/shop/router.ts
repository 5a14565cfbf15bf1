// The store's pages, under the shop's own link (history mode: the engine
// answers the store's page for every path under /s/{shop}/). The home page
// is in the first bundle: it is what a shared link opens.
import { createRouter, createWebHistory } from 'vue-router'
import ShopHomePage from './catalog/ShopHomePage.vue'
import { storeBase } from './api'

export const router = createRouter({
  history: createWebHistory(storeBase),
  routes: [
    { path: '/', name: 'home', component: ShopHomePage },
    { path: '/:unknown(.*)*', redirect: { name: 'home' } },
  ],
})
