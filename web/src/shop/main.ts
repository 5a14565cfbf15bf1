import '@/shared/base.css'
import { createApp } from 'vue'
import { createAppI18n } from '@/shared/i18n'
import ShopApp from './ShopApp.vue'
import { messages } from './messages'
import { router } from './router'
import { followArrivals } from './share/attribution'
// Sends the signed-in customer's token with every store request.
import './me/customerSession'

followArrivals(router)
createApp(ShopApp).use(createAppI18n(messages)).use(router).mount('#app')
